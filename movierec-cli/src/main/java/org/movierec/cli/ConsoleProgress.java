package org.movierec.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.movierec.util.ProgressListener;

/** Renders {@link ProgressListener} events as a progress bar on standard error. */
public final class ConsoleProgress implements ProgressListener {
    private ProgressBar bar;

    @Override
    public void start(String task, long total) {
        done();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200).clearDisplayOnFinish().build();
    }

    @Override
    public void advance(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    /** Shows the epoch's training loss and validation metrics next to the bar. */
    @Override
    public void epoch(int epoch, double trainLoss, java.util.Map<String, Double> validation) {
        if (bar == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("epoch ").append(epoch);
        if (!Double.isNaN(trainLoss)) {
            sb.append(String.format(java.util.Locale.ROOT, " loss %.4f", trainLoss));
        }
        validation.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, " val %s %.4f", k, v)));
        bar.setExtraMessage(sb.toString());
    }

    /**
     * A bar when standard error is a terminal, otherwise nothing (keeps logs and tests clean). Standard
     * output does not matter: {@code movierec evaluate > results.txt} in a terminal still shows the bar,
     * {@code movierec evaluate 2> log} does not. {@code MOVIEREC_PROGRESS=0} or {@code 1} overrides.
     */
    public static ProgressListener forConsole() {
        return showBar(System.getenv(), stderrTarget(), System.console() != null)
                ? new ConsoleProgress() : ProgressListener.NONE;
    }

    /**
     * Whether to draw the bar.
     *
     * @param env           the environment ({@code MOVIEREC_PROGRESS}, {@code TERM})
     * @param stderrTarget  what file descriptor 2 points to ({@code /dev/pts/3}), or null where the
     *                      system does not say (not Linux)
     * @param console       whether the JVM has a console (standard input and output are a terminal),
     *                      used only where {@code stderrTarget} is unknown
     */
    static boolean showBar(java.util.Map<String, String> env, String stderrTarget, boolean console) {
        String forced = env.get("MOVIEREC_PROGRESS");
        if ("0".equals(forced) || "1".equals(forced)) {
            return forced.equals("1");
        }
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        if (stderrTarget != null) {
            return stderrTarget.startsWith("/dev/pts/") || stderrTarget.startsWith("/dev/tty")
                    || stderrTarget.equals("/dev/console");
        }
        return console;
    }

    /** The target of {@code /proc/self/fd/2} (Linux), or null. */
    private static String stderrTarget() {
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            return java.nio.file.Files.isSymbolicLink(fd2) ? java.nio.file.Files.readSymbolicLink(fd2).toString() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}

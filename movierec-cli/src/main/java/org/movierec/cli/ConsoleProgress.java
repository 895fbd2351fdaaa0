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
                .setUpdateIntervalMillis(200).build();
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

    /** A bar when standard error is a terminal, otherwise nothing (keeps logs and tests clean). */
    public static ProgressListener forConsole() {
        return System.console() != null ? new ConsoleProgress() : ProgressListener.NONE;
    }
}

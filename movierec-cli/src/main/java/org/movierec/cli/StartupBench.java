package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The {@code startup} suite of {@code movierec bench}: whole processes, side by side. It times
 * {@code ./movierec train --algo biased-mf} (k=100, 20 epochs, split u1) as a user runs it (the
 * launcher script, the JVM start, reading ML-100k, training, the held-out RMSE, writing the model
 * file) with and without the class-data archive, against the plain single-threaded Java program
 * {@code bench/PlainSgd.java} doing the same work (compiled once here, then run as
 * {@code java -cp DIR PlainSgd}). The runs are interleaved, so that a busy machine slows every
 * variant alike, and each variant is run once untimed first (the launcher may build its jar and
 * archive then).
 */
final class StartupBench {
    private final Path launcher;
    private final Path reference;
    private final Path data;
    private final int repeats;

    StartupBench(Path launcher, Path reference, Path data, int repeats) {
        this.launcher = launcher;
        this.reference = reference;
        this.data = data;
        this.repeats = repeats;
    }

    /** Runs the suite and returns its Markdown table. */
    String run(PrintWriter stdout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(launcher)) {
            throw new Main.UserException("startup suite: launcher " + launcher + " not found (give --launcher PATH)");
        }
        if (!Files.isRegularFile(reference)) {
            throw new Main.UserException("startup suite: reference program " + reference
                    + " not found (give --reference bench/PlainSgd.java)");
        }
        if (data == null || !Files.isRegularFile(data.resolve("u1.base"))) {
            throw new Main.UserException("startup suite: needs --data with ML-100k's u1.base");
        }
        Path tmp = Files.createTempDirectory("movierec-startup");
        try {
            compile(reference, tmp);
            String model = tmp.resolve("m.bin").toString();
            List<String> train = List.of("bash", launcher.toString(), "train", "--data", data.toString(), "--algo",
                    "biased-mf", "--param", "factors=100", "--param", "epochs=20", "--split", "u1", "--out", model);
            List<String> plain = List.of(javaBinary(), "-cp", tmp.toString(), "PlainSgd", data.toString(),
                    tmp.resolve("plain.bin").toString());
            String[] names = {"movierec train (AppCDS archive)", "movierec train (MOVIEREC_CDS=0)",
                "plain Java SGD program (bench/PlainSgd.java)"};
            List<List<String>> commands = List.of(train, train, plain);
            List<Map<String, String>> envs = List.of(Map.of(), Map.of("MOVIEREC_CDS", "0"), Map.of());
            double[][] t = new double[3][repeats];
            for (int v = 0; v < 3; v++) {
                time(commands.get(v), envs.get(v)); // untimed: builds, archive, page cache
            }
            for (int r = 0; r < repeats; r++) {
                for (int v = 0; v < 3; v++) {
                    t[v][r] = time(commands.get(v), envs.get(v));
                }
            }
            StringBuilder sb = new StringBuilder("| what | median s | min s | runs | vs plain (median) |\n"
                    + "|---|---|---|---|---|\n");
            double plainMedian = BenchCommand.median(t[2]);
            for (int v = 0; v < 3; v++) {
                double med = BenchCommand.median(t[v]);
                String line = String.format(Locale.ROOT, "| %s | %.3f | %.3f | %d | %.2fx |%n", names[v], med,
                        Arrays.stream(t[v]).min().orElse(Double.NaN), repeats, med / plainMedian);
                sb.append(line);
                stdout.print("  " + line);
                stdout.flush();
            }
            sb.append("\nWhole processes, wall clock, interleaved. The movierec rows run the launcher script as a user"
                    + " does (JVM start, read ML-100k, split u1, train BiasedMF k=100 x 20 epochs on both cores,"
                    + " held-out RMSE, write the model file); the plain row is a single-threaded program doing the"
                    + " same training and writing its factors.\n");
            return sb.toString();
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void compile(Path source, Path outDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new Main.UserException("startup suite: no Java compiler in this runtime (run with a JDK)");
        }
        int rc = javac.run(null, null, null, "-d", outDir.toString(), source.toString());
        if (rc != 0) {
            throw new Main.UserException("startup suite: could not compile " + source);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Seconds one process takes from start to exit; its output is discarded, a failure is an error. */
    private static double time(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("startup suite: '" + String.join(" ", command) + "' ran over 10 minutes");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IOException("startup suite: '" + String.join(" ", command) + "' exited with " + p.exitValue());
        }
        return s;
    }
}

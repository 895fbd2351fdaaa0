package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code movierec warm-up} (hidden): runs the common commands once on a tiny synthetic dataset in a
 * temporary directory, in this one JVM. The launcher runs it once after each build with
 * {@code -XX:ArchiveClassesAtExit}, so that the classes every command needs (picocli's model,
 * the readers, the trainers, the model file code, Jackson) go into an AppCDS archive that later
 * starts map instead of loading and verifying them again. See docs/ARCHITECTURE.md, "Start-up".
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the common commands once (used to build the class-data archive).")
public final class WarmUpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("movierec-warm-up");
        try {
            String data = dir.resolve("data").toString();
            String model = dir.resolve("model.bin").toString();
            run("data", "synth", "--users", "60", "--movies", "40", "--ratings", "1200", "--format", "100k",
                    "--out", data);
            run("data", "info", data);
            run("train", "--data", data, "--algo", "biased-mf", "--param", "epochs=2", "--split", "random:0.8",
                    "--out", model);
            run("recommend", "--model", model, "--user", "1");
            run("recommend", "--model", model, "--rate", "1=5,2=1");
            run("similar", "--model", model, "--movie", "1");
            run("model", "info", model);
            run("evaluate", "--data", data, "--split", "random:0.8", "--algo", "bias,popularity", "--format", "json");
            run("algorithms");
            run("report", "data", data, "--min-ratings", "5", "--out", dir.resolve("data.html").toString());
            // Parquet in and out: its classes join the archive when the launcher puts its jar on the class path
            String pq = dir.resolve("pq").toString();
            run("data", "synth", "--users", "60", "--movies", "40", "--ratings", "1200", "--format", "parquet",
                    "--out", pq);
            run("data", "info", dir.resolve("pq").resolve("ratings.parquet").toString());
            run("recommend", "--model", model, "--all", "--out", dir.resolve("recs.parquet").toString());
            return 0;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        int code = Main.execute(new PrintWriter(sink), new PrintWriter(sink), args);
        if (code != 0) {
            throw new IllegalStateException("warm-up step '" + String.join(" ", args) + "' failed: " + sink);
        }
    }
}

package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.Model;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

/** The {@code neural} bench suite on a tiny synthetic dataset (times are printed, never asserted). */
class NeuralBenchTest {
    @TempDir
    Path tmp;

    private Path tinyData() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(80, 50, 1500, 3));
        return Ml100kFiles.write(d, tmp.resolve("tiny"));
    }

    /** The cells of the table row of {@code label}. */
    private static String[] row(String md, String label) {
        List<String> rows = md.lines().filter(l -> l.startsWith("| " + label + " |")).toList();
        assertThat(rows).as("one row for %s in%n%s", label, md).hasSize(1);
        String[] cells = rows.get(0).split("\\|");
        return java.util.Arrays.stream(cells).map(String::trim).toArray(String[]::new);
    }

    @Test
    void neuralSuiteAppendsOneRowPerModelWithAPositiveHeapFigure() throws Exception {
        Path out = tmp.resolve("B.md");
        Cli.Result r = Cli.run("bench", "--data", tinyData().toString(), "--suite", "neural", "--epochs", "2",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String md = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(md).contains("## neural suite").contains("Machine: ").contains("Command: `./movierec bench --data")
                .contains("Training part: random:0.8");
        for (String label : List.of("ncf", "wide-deep", "wide-deep withIds=true", "dcn", "content-tower")) {
            String[] c = row(md, label);
            // | model | epochs (best) | s | set-up s | ms/batch | test | weights | before | peak | after GC | fits | load |
            assertThat(c[2]).as(label).matches("[12] \\([12]\\)");
            assertThat(c[6]).as(label).matches("\\d\\.\\d{4} \\(\\d+\\.\\d{4}\\)");
            assertThat(Double.parseDouble(c[7])).as(label + " weights MiB").isPositive();
            long before = Long.parseLong(c[8]);
            long peak = Long.parseLong(c[9]);
            assertThat(peak).as(label + " peak heap MiB").isPositive().isGreaterThanOrEqualTo(before);
            assertThat(Long.parseLong(c[10])).as(label + " after GC <= peak").isLessThanOrEqualTo(peak);
            assertThat(c[11]).as(label).isEqualTo("yes");
        }
    }

    @Test
    void epochFractionStopsInTheFirstEpochAndSaysSo() throws Exception {
        Cli.Result r = Cli.run("bench", "--data", tinyData().toString(), "--suite", "neural", "--algo", "ncf",
                "--split", "all", "--epochs", "1", "--epoch-fraction", "0.5");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] c = row(r.out(), "ncf");
        // 1500 ratings less a 10 % validation carve = 1350, batch 256: 6 batches, half of them 3.
        assertThat(c[2]).isEqualTo("50% of epoch 1 (3 of 6 batches)");
        assertThat(c[6]).isEqualTo("–");
        assertThat(Long.parseLong(c[9])).isPositive();
        assertThat(r.out()).contains("Training part: all of");
    }

    @Test
    void aModelThatRunsOutOfHeapIsARowNotACrash() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(30, 20, 300, 5));
        Trainer<Model> oom = outOfHeapAfter("greedy", 4);
        NeuralBench.Row row = NeuralBench.measure(oom, d, null, null, 1.0);
        assertThat(row.fits()).isFalse();
        assertThat(row.format()).contains("**no**: OutOfMemoryError (Java heap space)")
                .contains("in epoch 1, after batch 4 of 10");
        Trainer<Model> early = outOfHeapAfter("greedy-set-up", 0);
        NeuralBench.Row setUp = NeuralBench.measure(early, d, null, null, 1.0);
        assertThat(setUp.fits()).isFalse();
        assertThat(setUp.format()).contains("in the set-up, before the first batch").doesNotContain("NaN");
    }

    /**
     * A trainer that runs out of heap: after {@code batches} of 10 batches of its first epoch, or in
     * its set-up (before any progress) when {@code batches} is 0.
     */
    private static Trainer<Model> outOfHeapAfter(String name, int batches) {
        return new Trainer<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Record config() {
                return null;
            }

            @Override
            public Model fit(Dataset train, Dataset validation, ProgressListener progress) {
                if (batches > 0) {
                    progress.start(name + " epoch 1/1", 10);
                    progress.advance(batches);
                }
                throw new OutOfMemoryError("Java heap space");
            }
        };
    }

    @Test
    void aClassicAlgorithmWithoutEpochsOrSeedGetsARowToo() throws Exception {
        Cli.Result r = Cli.run("bench", "--data", tinyData().toString(), "--suite", "neural", "--algo", "bias",
                "--epochs", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] c = row(r.out(), "bias");
        assertThat(c[2]).isEqualTo("–");
        assertThat(Long.parseLong(c[9])).isPositive();
        assertThat(c[11]).isEqualTo("yes");
    }

    @Test
    void badOptionsAreUserErrors() throws Exception {
        Path data = tinyData();
        Cli.Result r = Cli.run("bench", "--data", data.toString(), "--suite", "neural", "--epoch-fraction", "1.5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--epoch-fraction must be in (0, 1]");
        Cli.Result u = Cli.run("bench", "--data", data.toString(), "--suite", "neural", "--algo", "nope");
        assertThat(u.exitCode()).isEqualTo(2);
        assertThat(u.err()).contains("unknown algorithm 'nope'");
    }
}

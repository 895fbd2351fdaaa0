package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.RatingScale;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.synth.SyntheticGenerator;
import picocli.CommandLine;

class DataSynthCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesADatasetTheReaderLoads() throws IOException {
        Path target = dir.resolve("synth-100k");
        int code = Main.execute("data", "synth", "--users", "50", "--movies", "40", "--ratings", "600",
                "--format", "100k", "--seed", "3", "--out", target.toString());
        assertThat(code).isZero();
        Dataset d = DatasetReader.read(target);
        assertThat(d.name()).isEqualTo("ml-100k");
        assertThat(d.numUsers()).isEqualTo(50);
        assertThat(d.numItems()).isEqualTo(40);
        assertThat(d.interactions().size()).isEqualTo(600);
        Dataset expected = SyntheticGenerator.generate(SyntheticGenerator.Config.of(50, 40, 600, 3));
        assertThat(d.fingerprint()).isEqualTo(expected.fingerprint());
    }

    @Test
    void csvUsesHalfStarsAndPrintsWhatItWrote() throws IOException {
        Path target = dir.resolve("synth-csv");
        int code = run("data", "synth", "--users", "30", "--movies", "25", "--ratings", "300", "--format", "csv",
                "--seed", "9", "--out", target.toString());
        assertThat(code).isZero();
        Dataset d = DatasetReader.read(target);
        assertThat(d.ratingScale()).isEqualTo(RatingScale.HALF_STARS);
        assertThat(out.toString()).contains("wrote synthetic-30x25-seed9").contains("ratings.csv")
                .contains("movies.csv").contains("fingerprint " + d.fingerprint());
    }

    @Test
    void oneMillionFormat() throws IOException {
        Path target = dir.resolve("synth-1m");
        assertThat(run("data", "synth", "--users", "20", "--movies", "20", "--ratings", "100", "--format", "1m",
                "--out", target.toString())).isZero();
        assertThat(DatasetReader.read(target).name()).isEqualTo("ml-1m");
    }

    @Test
    void badFormatIsAOneLineUserError() {
        int code = run("data", "synth", "--format", "parquet", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: unknown format 'parquet': expected 100k, 1m or csv");
    }

    @Test
    void outputThatIsAFileIsAOneLineUserError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        int code = run("data", "synth", "--users", "10", "--movies", "10", "--ratings", "20", "--out", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: --out").doesNotContain("\n").doesNotContain("Exception");
    }
}

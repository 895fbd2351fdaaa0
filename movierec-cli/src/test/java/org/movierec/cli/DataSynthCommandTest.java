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
        int code = run("data", "synth", "--format", "avro", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: unknown format 'avro': expected 100k, 1m, csv or parquet");
    }

    @Test
    void outputThatIsAFileIsAOneLineUserError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        int code = run("data", "synth", "--users", "10", "--movies", "10", "--ratings", "20", "--out", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: --out").doesNotContain("\n").doesNotContain("Exception");
    }

    /** --format parquet: the csv format's ratings in one Parquet file, read back to the same dataset. */
    @Test
    void parquetRatingsReadBackToTheCsvFormatsDataset() throws IOException {
        Path pq = dir.resolve("synth-parquet");
        Path csv = dir.resolve("synth-csv");
        String[] common = {"--users", "60", "--movies", "45", "--ratings", "900", "--seed", "8"};
        assertThat(run(concat(new String[] {"data", "synth", "--format", "parquet", "--out", pq.toString()}, common)))
                .as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed).contains("ratings.parquet").doesNotContain("ratings.csv");
        assertThat(run(concat(new String[] {"data", "synth", "--format", "csv", "--out", csv.toString()}, common)))
                .isZero();
        org.movierec.data.io.InteractionsSpec spec = org.movierec.data.io.InteractionsSpec.of(java.util.Map.of(
                "user", "userId", "item", "movieId", "rating", "rating", "time", "timestamp"));
        Dataset fromParquet = DatasetReader.read(pq.resolve("ratings.parquet"), org.movierec.data.io.ReadOptions.DEFAULTS,
                spec);
        Dataset fromCsv = DatasetReader.read(csv.resolve("ratings.csv"), org.movierec.data.io.ReadOptions.DEFAULTS, spec);
        assertThat(fromParquet.interactions().size()).isEqualTo(900);
        assertThat(fromParquet.fingerprint()).isEqualTo(fromCsv.fingerprint());
        assertThat(printed).contains("fingerprint " + fromParquet.fingerprint());
        assertThat(fromParquet.ratingScale()).isEqualTo(new RatingScale(0.5f, 5f, 0.5f));
        // MovieLens's column names need no --columns: the file reads as written, explicit ratings and times
        Dataset unmapped = DatasetReader.read(pq.resolve("ratings.parquet"), org.movierec.data.io.ReadOptions.DEFAULTS,
                org.movierec.data.io.InteractionsSpec.defaults());
        assertThat(unmapped.fingerprint()).isEqualTo(fromCsv.fingerprint());
        out.getBuffer().setLength(0);
        assertThat(run("data", "info", pq.resolve("ratings.parquet").toString(), "--format", "json"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"ratings\" : 900");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** --credits: links.csv and TMDB credits that --tmdb joins, so dcn learns director and star fields. */
    @Test
    void creditsAreWrittenAndDcnTrainsOnThemThroughTmdb() throws Exception {
        Path target = dir.resolve("synth-credits");
        int code = run("data", "synth", "--users", "60", "--movies", "50", "--ratings", "1500", "--format", "csv",
                "--credits", "--seed", "2", "--out", target.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("links.csv").contains("credits.jsonl");
        Dataset plain = DatasetReader.read(target);
        assertThat(plain.movies().hasLinks()).isTrue();
        assertThat(plain.fingerprint()).isEqualTo(SyntheticGenerator.generate(SyntheticGenerator.Config.of(60, 50,
                1500, 2).withHalfStars(true)).fingerprint());
        Cli.Result info = Cli.run("data", "info", target.toString(), "--tmdb",
                target.resolve("credits.jsonl").toString());
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("links yes, credits 50 movies");
        Cli.Result json = Cli.run("data", "info", target.toString(), "--format", "json");
        assertThat(json.out()).contains("\"credits\" : 0");
        Path model = dir.resolve("dcn.bin");
        code = run("train", "--algo", "dcn", "--param", "epochs=1", "--data", target.toString(), "--tmdb",
                target.resolve("credits.jsonl").toString(), "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        org.movierec.neural.NeuralModel<?> m = (org.movierec.neural.NeuralModel<?>) org.movierec.model.ModelIO
                .load(model).model();
        assertThat(org.movierec.neural.Dcn.featureImportance(m).fields()).contains("director", "stars");
        Path without = dir.resolve("dcn-plain.bin");
        assertThat(run("train", "--algo", "dcn", "--param", "epochs=1", "--data", target.toString(), "--out",
                without.toString())).isZero();
        org.movierec.neural.NeuralModel<?> p = (org.movierec.neural.NeuralModel<?>) org.movierec.model.ModelIO
                .load(without).model();
        assertThat(org.movierec.neural.Dcn.featureImportance(p).fields()).doesNotContain("director", "stars");
        Cli.Result withInfo = Cli.run("model", "info", model.toString());
        assertThat(withInfo.out()).containsPattern("weights +user 60x16, movie 50x16, .*director \\d+x16, genres "
                + "\\d+x16, stars \\d+x16, cross");
        assertThat(Cli.run("model", "info", without.toString()).out()).contains("weights").doesNotContain("director");
    }

    @Test
    void creditsNeedTheCsvFormatAndTmdbNeedsLinks() throws Exception {
        assertThat(run("data", "synth", "--format", "1m", "--credits", "--out", dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--credits needs --format csv");
        Path k100 = dir.resolve("synth-100k");
        assertThat(run("data", "synth", "--users", "30", "--movies", "20", "--ratings", "300", "--out",
                k100.toString())).isZero();
        Path credits = dir.resolve("c.csv");
        Files.writeString(credits, "tmdbId,director\n11,Ann\n");
        assertThat(run("train", "--algo", "dcn", "--data", k100.toString(), "--split", "u1", "--tmdb",
                credits.toString(), "--out", dir.resolve("m.bin").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--tmdb").contains("no links.csv");
        assertThat(run("evaluate", "--algo", "bias", "--data", k100.toString(), "--tmdb",
                dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--tmdb").contains("missing.jsonl: no such file");
    }
}

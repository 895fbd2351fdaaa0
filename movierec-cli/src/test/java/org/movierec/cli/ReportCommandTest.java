package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code movierec report data|experiment} and {@code evaluate --report} end to end, in process. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    Path synth100k() {
        Path dir = tmp.resolve("synth");
        Cli.Result r = Cli.run("data", "synth", "--users", "120", "--movies", "90", "--ratings", "3000",
                "--format", "100k", "--seed", "3", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return dir;
    }

    @Test
    void dataReportWritesEverySection() throws Exception {
        Path dir = synth100k();
        Path out = Files.createDirectories(tmp.resolve("out")).resolve("data.html");
        Cli.Result r = Cli.run("report", "data", dir.toString(), "--out", out.toString(), "--min-ratings", "5");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("wrote " + out);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        for (String id : org.movierec.report.DataReport.SECTION_IDS) {
            assertThat(html).contains("<section id=\"" + id + "\"");
        }
        assertThat(html).contains("3,000 ratings").contains("Left out: needs TMDB credits");
    }

    @Test
    void dataReportJoinsTmdbCreditsThroughLinks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("latest"));
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Alpha (1990),Drama\n2,Beta (1991),Comedy\n");
        Files.writeString(dir.resolve("links.csv"), "movieId,imdbId,tmdbId\n1,0000001,11\n2,0000002,12\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,100\n1,2,2.0,101\n"
                + "2,1,4.0,102\n");
        Path credits = tmp.resolve("tmdb.csv");
        Files.writeString(credits, "tmdbId,director,cast\n11,Ann,X|Y\n12,Bob,Y\n");
        Path out = tmp.resolve("latest.html");
        Cli.Result r = Cli.run("report", "data", dir.toString(), "--tmdb", credits.toString(), "--min-ratings", "1",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"chart-directors\"").contains("id=\"chart-stars\"").contains(">Ann<")
                .doesNotContain("Left out: needs TMDB credits");
        assertThat(r.out()).contains("credits: 2 movies in").contains("joined to 2 of 2 movies");
        // The Movies Dataset's credits.csv (Python literal lists), with one row repeated as in the real file
        Path kaggle = tmp.resolve("credits.csv");
        String row = "\"[{'name': 'Zoe', 'order': 0}]\",\"[{'job': 'Director', 'name': 'Dana'}]\",11\n";
        Files.writeString(kaggle, "cast,crew,id\n" + row + row);
        Cli.Result k = Cli.run("report", "data", dir.toString(), "--tmdb", kaggle.toString(), "--min-ratings", "1",
                "--out", out.toString());
        assertThat(k.exitCode()).as(k.toString()).isZero();
        assertThat(k.out()).contains("credits: 1 movies in").contains("joined to 1 of 2 movies").contains("skipped 1 rows that repeat");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains(">Dana<").contains(">Zoe<");
        Files.writeString(kaggle, "cast,crew,id\n\"[{'name': 'Zoe'\",[],11\n");
        Cli.Result bad = Cli.run("report", "data", dir.toString(), "--tmdb", kaggle.toString(), "--out",
                out.toString());
        assertThat(bad.exitCode()).as(bad.toString()).isNotZero();
        assertThat(bad.err()).startsWith("error: ").contains("credits.csv:2").contains("cast field")
                .doesNotContain("Exception");
        Files.delete(dir.resolve("links.csv"));
        Cli.Result noLinks = Cli.run("report", "data", dir.toString(), "--tmdb", credits.toString(), "--out",
                out.toString());
        assertThat(noLinks.exitCode()).as(noLinks.toString()).isEqualTo(2);
        assertThat(noLinks.err()).startsWith("error: --tmdb ").contains("no links.csv");
        Cli.Result missing = Cli.run("report", "data", dir.toString(), "--tmdb", tmp.resolve("nope.csv").toString(),
                "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: --tmdb ").contains("nope.csv: no such file");
    }

    @Test
    void dataReportErrorsAreOneLine() {
        Cli.Result r = Cli.run("report", "data", tmp.resolve("nothing").toString(), "--out", tmp.resolve("x.html").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains("nothing");
        Cli.Result bad = Cli.run("report", "data", synth100k().toString(), "--out", tmp.resolve("x.html").toString(),
                "--min-ratings", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("min-ratings must be at least 1, got 0");
        assertThat(Files.exists(tmp.resolve("x.html"))).isFalse();
    }

    @Test
    void evaluateWritesJsonAndHtmlAndReportExperimentReadsThemWithModelsAndImportance() throws Exception {
        Path dir = synth100k();
        Path json = tmp.resolve("results.json");
        Path direct = tmp.resolve("direct.html");
        Cli.Result ev = Cli.run("evaluate", "--data", dir.toString(), "--split", "random:0.8", "--algo",
                "bias,popularity", "--topk", "none", "--format", "json", "--out", json.toString(),
                "--report", direct.toString());
        assertThat(ev.exitCode()).as(ev.toString()).isZero();
        String d = Files.readString(direct, StandardCharsets.UTF_8);
        assertThat(d).contains("<section id=\"leaderboard\"").contains(">bias<").contains(">popularity<");

        Path model = tmp.resolve("pop.bin");
        Cli.Result tr = Cli.run("train", "--data", dir.toString(), "--algo", "popularity", "--out", model.toString());
        assertThat(tr.exitCode()).as(tr.toString()).isZero();
        Path importance = tmp.resolve("importance.json");
        Files.writeString(importance, "{\"rows\": [\"a\", \"b\"], \"columns\": [\"a\", \"b\"], "
                + "\"values\": [[1.0, 0.25], [0.25, 0.5]]}");
        Path html = tmp.resolve("experiment.html");
        Cli.Result r = Cli.run("report", "experiment", json.toString(), model.toString(), "--importance",
                importance.toString(), "--users", "1,2", "-n", "5", "--out", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String h = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(h).contains("id=\"chart-importance\"").contains("popularity (pop.bin), user 1")
                .contains("popularity (pop.bin), user 2").doesNotContain("Left out: no importance matrix");
    }

    /** {@code evaluate --algo bias} on {@code dir} (random 80/20, no top-K accuracy) written as JSON. */
    Path biasResults(Path dir) {
        Path json = tmp.resolve("results.json");
        Cli.Result ev = Cli.run("evaluate", "--data", dir.toString(), "--split", "random:0.8", "--algo", "bias",
                "--topk", "none", "--format", "json", "--out", json.toString());
        assertThat(ev.exitCode()).as(ev.toString()).isZero();
        return json;
    }

    /** {@code evaluate --format json} carries the training histories, so a report from it alone has learning curves. */
    @Test
    void resultsJsonCarriesLearningCurves() throws Exception {
        Path dir = synth100k();
        Path json = biasResults(dir);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(root.get("histories")).hasSize(1);
        assertThat(root.get("histories").get(0).get("algorithm").asText()).isEqualTo("bias");
        assertThat(root.get("histories").get(0).get("epochs")).hasSize(10);
        assertThat(root.get("histories").get(0).get("epochs").get(9).get("train_loss").asDouble()).isPositive();
        assertThat(root.get("rows")).hasSize(1);

        Path html = tmp.resolve("curves.html");
        Cli.Result r = Cli.run("report", "experiment", json.toString(), "--out", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("Learning curve: bias on ")
                .doesNotContain("Left out: no training histories");
    }

    /**
     * The DCN feature-importance heat map from a real dcn model: given the model file, and given the
     * JSON that {@code Dcn.writeImportanceJson} writes (the two once disagreed on the format).
     */
    @Test
    void experimentReportDrawsTheImportanceOfADcnModel() throws Exception {
        Path dir = synth100k();
        Path json = biasResults(dir);
        Path model = tmp.resolve("dcn.bin");
        Cli.Result tr = Cli.run("train", "--data", dir.toString(), "--algo", "dcn", "--param", "epochs=1", "--out",
                model.toString());
        assertThat(tr.exitCode()).as(tr.toString()).isZero();

        Path html = tmp.resolve("from-model.html");
        Cli.Result r = Cli.run("report", "experiment", json.toString(), model.toString(), "--out", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String h = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(h).contains("id=\"chart-importance\"").contains("DCN-v2 feature importance (dcn.bin)")
                .contains(">user<").contains(">movie<").doesNotContain("Left out: no importance matrix");

        Path file = tmp.resolve("importance.json");
        org.movierec.neural.Dcn.writeImportanceJson(ReportExperimentCommand.dcnImportanceOf(model), file);
        Path html2 = tmp.resolve("from-json.html");
        Cli.Result r2 = Cli.run("report", "experiment", json.toString(), "--importance", file.toString(), "--out",
                html2.toString());
        assertThat(r2.exitCode()).as(r2.toString()).isZero();
        assertThat(Files.readString(html2, StandardCharsets.UTF_8)).contains("id=\"chart-importance\"")
                .contains("DCN-v2 feature importance").contains(">genres<");
    }

    @Test
    void experimentReportErrorsNameTheFile() throws Exception {
        Path model = tmp.resolve("m.bin");
        Files.writeString(model, "x");
        Cli.Result none = Cli.run("report", "experiment", model.toString(), "--out", tmp.resolve("e.html").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no results file (.json) given");
        Path json = tmp.resolve("r.json");
        Files.writeString(json, "[1, 2]");
        Cli.Result bad = Cli.run("report", "experiment", json.toString(), "--out", tmp.resolve("e.html").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).contains("r.json: not a results file");
        Cli.Result missing = Cli.run("report", "experiment", tmp.resolve("gone.json").toString(), "--out",
                tmp.resolve("e.html").toString());
        assertThat(missing.err()).contains("gone.json: no such file");
    }
}

package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Training;
import org.movierec.model.TrainingHistory;
import org.movierec.util.ProgressListener;

class ExperimentReportTest {
    static Path fixture(String name) {
        return Path.of("src", "test", "resources", "fixtures", name);
    }

    static ExperimentData fixtures() throws Exception {
        return ExperimentData.read(List.of(fixture("results-two-folds.json"), fixture("results-sweep.json")))
                .withImportance(ExperimentData.readMatrix(fixture("importance.json")));
    }

    static Section section(List<Section> s, String id) {
        return s.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void leaderboardShowsMeanAndSampleStdOverFolds() throws Exception {
        List<Section> s = new ExperimentReport(fixtures()).sections();
        assertThat(s).extracting(Section::id).containsExactlyElementsOf(ExperimentReport.SECTION_IDS);
        Table rating = section(s, "leaderboard").tables().get(0);
        assertThat(rating.headers()).containsExactly("algorithm", "folds", "rmse", "mae", "train s");
        // bias rmse over u1, u2: mean (0.95 + 0.97) / 2 = 0.96; sample std sqrt((0.01² + 0.01²) / 1) = 0.014142
        // train seconds (0.1 + 0.3) / 2 = 0.20
        assertThat(rating.rows().get(0)).containsExactly("bias", "2", "0.9600 ± 0.0141", "0.7600 ± 0.0141", "0.20");
        // the sweep's configurations are rows of their own, labelled with their parameters
        assertThat(rating.rows()).extracting(r -> r.get(0))
                .contains("biased-mf (k=50, learningRate=0.01)");
        Table ranking = section(s, "leaderboard").tables().get(1);
        // popularity precision@10: (0.21 + 0.23) / 2 = 0.22, std sqrt(2 * 0.01² / 1) = 0.0141
        assertThat(ranking.rows()).containsExactly(List.of("popularity", "2", "0.2200 ± 0.0141", "0.2500 ± 0.0141"));
    }

    @Test
    void oneBarChartPerMetricWithItsNumbers() throws Exception {
        List<Section> s = new ExperimentReport(fixtures()).sections();
        List<Chart> charts = section(s, "metrics").charts();
        assertThat(charts).extracting(Chart::title).containsExactly("rmse (lower is better)",
                "mae (lower is better)", "precision@10 (higher is better)", "ndcg@10 (higher is better)");
        Table rmse = charts.get(0).data();
        assertThat(rmse.rows().get(0)).containsExactly("bias", "2", "0.9600", "0.0141", "0.9500", "0.9700");
        assertThat(charts.get(0).svg()).startsWith("<svg class=\"chart-svg\"").contains("chart-metric-1-clip");
    }

    @Test
    void learningCurvesSweepsAndHeatmap() throws Exception {
        ExperimentData d = fixtures().withCurves(List.of(new ExperimentData.Curve("made in the test",
                new TrainingHistory(List.of(new TrainingHistory.Epoch(1, 0.5, Map.of()),
                        new TrainingHistory.Epoch(2, 0.4, Map.of("rmse", 0.9)))))));
        List<Section> s = new ExperimentReport(d).sections();
        List<Chart> curves = section(s, "learning-curves").charts();
        assertThat(curves).extracting(Chart::title).containsExactly("Learning curve: biased-mf on u1",
                "Learning curve: made in the test");
        assertThat(curves.get(0).data().rows().get(2)).containsExactly("3", "0.8000", "0.9400");
        // epoch 1 of the second curve has no validation value: '-' in the table
        assertThat(curves.get(1).data().rows().get(0)).containsExactly("1", "0.5000", "-");

        List<Chart> sweep = section(s, "lr-sweep").charts();
        assertThat(sweep).hasSize(1);
        // rate 0.01: (0.92 + 0.94) / 2 = 0.93, std 0.0141; sorted by rate
        assertThat(sweep.get(0).data().rows()).extracting(r -> r.get(1) + " " + r.get(3))
                .containsExactly("0.001 1.0000", "0.01 0.9300", "0.1 0.9800");

        Chart heat = section(s, "importance").charts().get(0);
        assertThat(heat.data().headers()).containsExactly("feature", "user_id", "movie_id", "gender", "genres");
        assertThat(heat.data().rows().get(2)).containsExactly("gender", "0.050", "0.100", "0.150", "0.020");
    }

    @Test
    void reproductionPutsOursBesideThePublishedNumber() throws Exception {
        List<Section> s = new ExperimentReport(fixtures()).sections();
        Table t = section(s, "reproduction").tables().get(0);
        List<String> bias = t.rows().stream().filter(r -> r.get(0).contains("BaselineOnly")).findFirst().orElseThrow();
        // ours 0.96 - published 0.9457 = +0.0143
        assertThat(bias).containsExactly("Python library BaselineOnly (issue 3)", "ml-100k, u1..u5", "rmse", "0.9457",
                "bias: 0.9600 ± 0.0141", "+0.0143", "biased-mf (k=50, learningRate=0.01): 0.9300");
        List<String> ncf = t.rows().stream().filter(r -> r.get(0).startsWith("report 001") && r.get(2).equals("rmse"))
                .findFirst().orElseThrow();
        assertThat(ncf.get(4)).isEqualTo("not in these results");
        // mse of report 003 is compared with rmse²: best 0.93² = 0.8649
        List<String> wd = t.rows().stream().filter(r -> r.get(2).equals("mse")).findFirst().orElseThrow();
        assertThat(wd.get(6)).isEqualTo("biased-mf (k=50, learningRate=0.01): 0.8649");
    }

    @Test
    void sectionsWithoutDataAreLeftOutWithANote() throws Exception {
        ExperimentData d = ExperimentData.read(List.of(fixture("results-two-folds.json")));
        d = new ExperimentData(d.dataset, d.split, d.rows, List.of(), null, List.of(), List.of());
        List<Section> s = new ExperimentReport(d).sections();
        assertThat(s.stream().filter(Section::isLeftOut).map(Section::id))
                .containsExactly("learning-curves", "lr-sweep", "importance", "reproduction", "examples");
        assertThat(section(s, "importance").note()).contains("--importance");
    }

    @Test
    void badInputNamesFileAndPlace(@TempDir Path dir) throws Exception {
        Path notResults = dir.resolve("x.json");
        Files.writeString(notResults, "{\"dataset\": \"a\"}");
        assertThatThrownBy(() -> ExperimentData.read(List.of(notResults)))
                .hasMessageContaining("x.json").hasMessageContaining("no 'rows' array");
        Path badMetric = dir.resolve("y.json");
        Files.writeString(badMetric, "{\"rows\": [{\"algorithm\": \"a\", \"metrics\": {\"rmse\": \"high\"}}]}");
        assertThatThrownBy(() -> ExperimentData.read(List.of(badMetric)))
                .hasMessageContaining("y.json: rows[0]: metric 'rmse' is \"high\", not a number");
        Path matrix = dir.resolve("m.json");
        Files.writeString(matrix, "{\"rows\": [\"a\", \"b\"], \"columns\": [\"a\", \"b\"], \"values\": [[1, 2], [3]]}");
        assertThatThrownBy(() -> ExperimentData.readMatrix(matrix))
                .hasMessageContaining("m.json: values[1] must hold 2 numbers");
        Path broken = dir.resolve("z.json");
        Files.writeString(broken, "{\"rows\": [");
        assertThatThrownBy(() -> ExperimentData.read(List.of(broken))).hasMessageContaining("z.json: not valid JSON");
    }

    /** Four users, five movies; movie A rated by 4 users, B by 3, C by 2, D by 1, E by none. */
    static Dataset tiny() {
        Interactions.Builder b = new Interactions.Builder(4, 5, 10);
        float[][] r = {{5}, {4, 5}, {3, 4, 5}, {2, 1, 2, 4}};
        for (int u = 0; u < 4; u++) {
            for (int m = 0; m < r[u].length; m++) {
                b.add(u, m, r[u][m], 1_000_000L + 10L * u + m);
            }
        }
        String[] titles = {"A (1990)", "B (1991)", "C (1992)", "D (1993)", "E (1994)"};
        Movies movies = new Movies(IdIndex.of(10, 11, 12, 13, 14), titles, new int[] {1990, 1991, 1992, 1993, 1994},
                new long[5], List.of(), null, null);
        return new Dataset("tiny", Users.withoutDemographics(IdIndex.of(1, 2, 3, 4)), movies, b.build(false),
                RatingScale.WHOLE_STARS);
    }

    @Test
    void topNExamplesFromASavedModel(@TempDir Path dir) throws Exception {
        Dataset d = tiny();
        Model m = Training.fit(AlgorithmRegistry.create("popularity"), d, null, "all", ProgressListener.NONE);
        Path file = dir.resolve("pop.bin");
        ModelIO.save(m, d, file);
        ModelFiles.Loaded l = ModelFiles.load(file, new int[] {1, 3}, 3, 3);
        assertThat(l.curves()).isEmpty();
        assertThat(l.examples()).hasSize(2);
        // user 1 rated only A: the most popular unrated movies are B (3 ratings), C (2), D (1)
        assertThat(l.examples().get(0).titles()).containsExactly("B (1991)", "C (1992)", "D (1993)");
        assertThat(l.examples().get(0).liked()).containsExactly("A (1990) 5★");
        // user 3 rated A, B, C: D, then E
        assertThat(l.examples().get(1).titles()).containsExactly("D (1993)", "E (1994)");
        assertThat(l.examples().get(1).liked()).containsExactly("C (1992) 5★", "B (1991) 4★", "A (1990) 3★");
        assertThatThrownBy(() -> ModelFiles.load(file, new int[] {99}, 3, 3))
                .hasMessageContaining("user 99 is not in the training data");
    }

    @Test
    void historyIsFoundOnAnyObjectThatCarriesOne() {
        TrainingHistory h = new TrainingHistory(List.of(new TrainingHistory.Epoch(1, 0.3, Map.of())));
        record WithHistory(TrainingHistory history) {
        }
        assertThat(ModelFiles.history(new WithHistory(h))).isEqualTo(h);
        assertThat(ModelFiles.history("no history here")).isSameAs(TrainingHistory.EMPTY);
    }

    @Test
    void pageRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Dataset d = tiny();
        Model m = Training.fit(AlgorithmRegistry.create("popularity"), d, null, "all", ProgressListener.NONE);
        Path file = dir.resolve("pop.bin");
        ModelIO.save(m, d, file);
        ModelFiles.Loaded l = ModelFiles.load(file, new int[0], 2, 3);
        ExperimentData data = fixtures().withExamples(l.examples());
        String html = ExperimentReport.html(data, "movierec test");
        Offline.assertSelfContained(html);
        Path out = Path.of("target", "reports", "experiment-fixture.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
        int expected = new ExperimentReport(data).sections().stream().mapToInt(x -> x.charts().size()).sum();
        try (Browser b = Browser.start()) {
            b.open(out);
            assertThat(b.driver.getTitle()).isEqualTo("Experiment report: ml-100k");
            // 4 metric bars + 1 learning curve + 1 sweep + 1 heat map
            assertThat(b.assertChartsRendered()).isEqualTo(expected).isEqualTo(7);
            assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("#examples table.data"))).hasSize(2);
            assertThat(b.consoleErrors()).isEmpty();
            assertThat(Files.size(b.screenshot(Path.of("target", "screenshots", "experiment-fixture.png"))))
                    .isGreaterThan(30_000);
        }
    }

    @org.junit.jupiter.api.Test
    void everyMetricChartNamesItsUnit() {
        assertThat(ExperimentReport.unit("rmse")).isEqualTo("stars");
        assertThat(ExperimentReport.unit("mae")).isEqualTo("stars");
        assertThat(ExperimentReport.unit("mse")).isEqualTo("stars²");
        assertThat(ExperimentReport.unit("mape")).isEqualTo("%");
        assertThat(ExperimentReport.unit("mae_norm")).isEqualTo("on the [0.5, 1] scale");
        assertThat(ExperimentReport.unit("novelty@10")).isEqualTo("bits");
        assertThat(ExperimentReport.unit("arp@10")).isEqualTo("training ratings per movie");
        assertThat(ExperimentReport.unit("train_seconds")).isEqualTo("seconds");
        for (String m : new String[] {"precision@10", "recall@10", "ndcg@10", "map@10", "mrr@10", "coverage@10",
            "diversity@10"}) {
            assertThat(ExperimentReport.unit(m)).as(m).isEqualTo("fraction, 0 to 1");
        }
    }

    @org.junit.jupiter.api.Test
    void learningCurveAxesNameTheUnitOfEachLine() {
        assertThat(ExperimentReport.curveAxis(true, new java.util.LinkedHashSet<>(List.of("rmse", "mae", "ndcg@10"))))
                .isEqualTo("train loss (the algorithm's objective); validation rmse, mae (stars), "
                        + "ndcg@10 (fraction, 0 to 1)");
        assertThat(ExperimentReport.curveAxis(false, new java.util.LinkedHashSet<>(List.of("rmse"))))
                .isEqualTo("validation rmse (stars)");
    }

    @Test
    void reproductionComparesOnlyOnThePublishedDataset() {
        assertThat(ExperimentReport.sameDataset("ml-100k", "ml-100k")).isTrue();
        assertThat(ExperimentReport.sameDataset("ml-100k", "ML-100k/u1/train")).isTrue();
        assertThat(ExperimentReport.sameDataset("ml-latest-small", "ml-100k")).isFalse();
        assertThat(ExperimentReport.sameDataset("ml-latest-small", "ml-100k, ml-latest-small")).isTrue();
        assertThat(ExperimentReport.sameDataset("", "ml-100k")).isTrue();
        // report 000 published on ml-latest-small; a content-tower result on ml-100k is shown, not subtracted
        ExperimentData d = new ExperimentData("ml-100k", "temporal-loo",
                List.of(new ExperimentData.Row("content-tower", Map.of(), "temporal-loo", Map.of("mae_norm", 0.12),
                        1.0, 1.0)), List.of(), null, References.defaults(), List.of());
        Table t = section(new ExperimentReport(d).sections(), "reproduction").tables().get(0);
        List<String> row = t.rows().stream().filter(r -> r.get(2).equals("mae_norm")).findFirst().orElseThrow();
        assertThat(row.get(4)).isEqualTo("content-tower: 0.1200 (on ml-100k)");
        assertThat(row.get(5)).isEqualTo("- (published on ml-latest-small)");
    }

    /** Every chart of the experiment report has a title and both axis titles, the value axis with its unit. */
    @Test
    void everyChartHasTitleAxesAndUnits() throws Exception {
        assertThat(ChartChecks.assertTitlesAxesAndUnits(new ExperimentReport(fixtures()).sections())).isGreaterThanOrEqualTo(4);
    }
}

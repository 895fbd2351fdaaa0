package org.movierec.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Report;
import org.movierec.split.Fold;

/**
 * The renderers produce, byte for byte, what {@code Report.toTable()}, {@code toJson()} and
 * {@code toMarkdown()} produced before rendering moved out of {@link Report} (the expected texts were
 * printed by that code for this hand-made report), plus the direction arrows in the headers and the
 * legend line under the tables. The report has two folds (so mean±std lines), a
 * model without rating metrics ("-"), a value of 10 or more (two decimals), a '|' in a name
 * (escaped in Markdown) and all three metric groups.
 */
class ReportRenderersTest {
    static Report report() {
        Evaluator.Config cfg = new Evaluator.Config(10, 4f, true, new int[] {1, 5});
        Fold.PartSize tr = new Fold.PartSize(80000, 943, 1650);
        Fold.PartSize te = new Fold.PartSize(20000, 459, 1410);
        List<Fold.Sizes> folds = List.of(new Fold.Sizes("u1", tr, null, te),
                new Fold.Sizes("u2", tr, new Fold.PartSize(5, 4, 3), te));
        List<Report.Row> rows = new ArrayList<>();
        for (int f = 1; f <= 2; f++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("rmse", 0.9 + f * 0.01);
            m.put("mape", 25.5 + f);
            m.put("ndcg@10", 0.4 + f * 0.003);
            m.put("topk_accuracy@5", 0.2 * f);
            rows.add(new Report.Row("bias|x", Map.of("regUser", "10"), "u" + f,
                    new Evaluator.Result(m, Map.of("users", 943L)), 1.234 * f, 0.5));
            Map<String, Double> m2 = new LinkedHashMap<>();
            m2.put("ndcg@10", 0.45 + f * 0.01);
            rows.add(new Report.Row("popularity", Map.of(), "u" + f, new Evaluator.Result(m2, Map.of("users", 900L)),
                    0.01, 0.25 * f));
        }
        Map<String, Double> m3 = new LinkedHashMap<>();
        m3.put("rmse", 1.01);
        rows.add(new Report.Row("global-mean", Map.of(), "u1", new Evaluator.Result(m3, Map.of()), 0, 0));
        return new Report("ml-100k", "u1-u2", 42, cfg, folds, rows);
    }

    static final String TABLE =
            "algorithm    fold             rmse ↓      mape ↓  train_s  eval_s\n" +
            "bias|x       u1               0.9100       26.50     1.23    0.50\n" +
            "bias|x       u2               0.9200       27.50     2.47    0.50\n" +
            "bias|x       mean±std  0.9150±0.0071  27.00±0.71     1.85    0.50\n" +
            "popularity   u1                    -           -     0.01    0.25\n" +
            "popularity   u2                    -           -     0.01    0.50\n" +
            "popularity   mean±std              -           -     0.01    0.38\n" +
            "global-mean  u1               1.0100           -     0.00    0.00\n" +
            "\n" +
            "algorithm   fold          ndcg@10 ↑\n" +
            "bias|x      u1               0.4030\n" +
            "bias|x      u2               0.4060\n" +
            "bias|x      mean±std  0.4045±0.0021\n" +
            "popularity  u1               0.4600\n" +
            "popularity  u2               0.4700\n" +
            "popularity  mean±std  0.4650±0.0071\n" +
            "\n" +
            "algorithm  fold      topk_accuracy@5 ↑\n" +
            "bias|x     u1                   0.2000\n" +
            "bias|x     u2                   0.4000\n" +
            "bias|x     mean±std      0.3000±0.1414\n" +
            "\n" +
            "↓ lower is better, ↑ higher is better; metric definitions: docs/EVALUATION.md\n";

    static final String MARKDOWN =
            "## ml-100k, split u1-u2, seed 42\n" +
            "\n" +
            "K = 10, relevant = test rating >= 4.0, predictions clipped to the rating scale, mae_norm and mape_norm on ratings scaled min-max to [0.5, 1]\n" +
            "\n" +
            "- u1: train 80,000 ratings / 943 users / 1,650 movies | validation - | test 20,000 ratings / 459 users / 1,410 movies\n" +
            "- u2: train 80,000 ratings / 943 users / 1,650 movies | validation 5 ratings / 4 users / 3 movies | test 20,000 ratings / 459 users / 1,410 movies\n" +
            "\n" +
            "| algorithm | fold | rmse ↓ | mape ↓ | train_s | eval_s |\n" +
            "| --- | --- | ---: | ---: | ---: | ---: |\n" +
            "| bias\\|x | u1 | 0.9100 | 26.50 | 1.23 | 0.50 |\n" +
            "| bias\\|x | u2 | 0.9200 | 27.50 | 2.47 | 0.50 |\n" +
            "| bias\\|x | mean±std | 0.9150±0.0071 | 27.00±0.71 | 1.85 | 0.50 |\n" +
            "| popularity | u1 | - | - | 0.01 | 0.25 |\n" +
            "| popularity | u2 | - | - | 0.01 | 0.50 |\n" +
            "| popularity | mean±std | - | - | 0.01 | 0.38 |\n" +
            "| global-mean | u1 | 1.0100 | - | 0.00 | 0.00 |\n" +
            "\n" +
            "| algorithm | fold | ndcg@10 ↑ |\n" +
            "| --- | --- | ---: |\n" +
            "| bias\\|x | u1 | 0.4030 |\n" +
            "| bias\\|x | u2 | 0.4060 |\n" +
            "| bias\\|x | mean±std | 0.4045±0.0021 |\n" +
            "| popularity | u1 | 0.4600 |\n" +
            "| popularity | u2 | 0.4700 |\n" +
            "| popularity | mean±std | 0.4650±0.0071 |\n" +
            "\n" +
            "| algorithm | fold | topk_accuracy@5 ↑ |\n" +
            "| --- | --- | ---: |\n" +
            "| bias\\|x | u1 | 0.2000 |\n" +
            "| bias\\|x | u2 | 0.4000 |\n" +
            "| bias\\|x | mean±std | 0.3000±0.1414 |\n" +
            "\n" +
            "↓ lower is better, ↑ higher is better; metric definitions: [docs/EVALUATION.md](docs/EVALUATION.md)\n";

    @Test
    void theTableIsTheOneReportPrintedBefore() {
        assertThat(new TableRenderer().render(report())).isEqualTo(TABLE);
    }

    @Test
    void theMarkdownIsTheOneReportPrintedBefore() {
        assertThat(new MarkdownRenderer().render(report())).isEqualTo(MARKDOWN);
    }

    @Test
    void theJsonHoldsEveryRowAndTheSummary() throws Exception {
        String json = new JsonRenderer().render(report());
        assertThat(json).endsWith("}\n").startsWith("{\n  \"dataset\" : \"ml-100k\",\n");
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("seed").asLong()).isEqualTo(42);
        assertThat(root.get("config").get("topk_accuracy_ks").toString()).isEqualTo("[1,5]");
        assertThat(root.get("folds").get(1).get("validation").get("ratings").asInt()).isEqualTo(5);
        assertThat(root.get("folds").get(0).get("validation").isNull()).isTrue();
        assertThat(root.get("rows")).hasSize(5);
        assertThat(root.get("rows").get(0).get("metrics").get("rmse").asDouble()).isEqualTo(0.91);
        // bias|x's mean rmse over (0.91, 0.92) and sample std sqrt(2 * 0.005^2 / 1) = 0.00707...
        JsonNode bias = root.get("summary").get(0);
        assertThat(bias.get("mean").get("rmse").asDouble()).isCloseTo(0.915, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(bias.get("std").get("rmse").asDouble())
                .isCloseTo(Math.sqrt(2 * 0.005 * 0.005), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(root.get("metric_info").get("rmse").get("higherIsBetter").asBoolean()).isFalse();
        assertThat(root.get("metric_info").get("rmse").get("better").asText()).isEqualTo("lower");
        assertThat(root.get("metric_info").get("ndcg@10").get("higherIsBetter").asBoolean()).isTrue();
        assertThat(root.get("metric_info").get("topk_accuracy@5").get("better").asText()).isEqualTo("higher");
        assertThat(root.get("definitions").asText()).isEqualTo("docs/EVALUATION.md");
    }

    @Test
    void directions() {
        assertThat(MetricDirection.higherIsBetter("rmse")).isFalse();
        assertThat(MetricDirection.higherIsBetter("mape_norm")).isFalse();
        assertThat(MetricDirection.higherIsBetter("hit_rate@10")).isTrue();
        assertThat(MetricDirection.higherIsBetter("topk_accuracy_unseen@100")).isTrue();
        assertThat(MetricDirection.higherIsBetter("train_s")).isNull();
        assertThat(MetricDirection.label("coverage@10")).isEqualTo("coverage@10 ↑");
        assertThat(MetricDirection.label("mae")).isEqualTo("mae ↓");
        assertThat(MetricDirection.label("fold")).isEqualTo("fold");
    }

    @Test
    void renderersAreFoundByFormatName() {
        assertThat(ReportRenderer.forFormat("table")).isInstanceOf(TableRenderer.class);
        assertThat(ReportRenderer.forFormat("json")).isInstanceOf(JsonRenderer.class);
        assertThat(ReportRenderer.forFormat("markdown")).isInstanceOf(MarkdownRenderer.class);
        assertThatThrownBy(() -> ReportRenderer.forFormat("pdf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown report format 'pdf'; known: table, json, markdown");
    }

    @Test
    void theTablesAreDataThatOtherRenderersCanLayOut() {
        Tables t = Tables.of(report());
        assertThat(t.tables()).hasSize(3);
        assertThat(t.tables().get(0).header()).containsExactly("algorithm", "fold", "rmse", "mape", "train_s", "eval_s");
        assertThat(t.tables().get(0).lines().get(2)).containsExactly("bias|x", "mean±std", "0.9150±0.0071",
                "27.00±0.71", "1.85", "0.50");
        // popularity has no top-K accuracy, so the third table holds bias|x only.
        assertThat(t.tables().get(2).lines()).extracting(l -> l.get(0)).containsOnly("bias|x");
    }
}

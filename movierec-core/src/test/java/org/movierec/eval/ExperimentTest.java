package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.split.Fold;
import org.movierec.split.Splits;

class ExperimentTest {
    static Dataset data() {
        return SyntheticGenerator.generate(new SyntheticGenerator.Config(200, 150, 6_000, 4, 0.5, 0.8, 5, false, 3));
    }

    static Report run() throws Exception {
        Dataset d = data();
        List<Fold> folds = Splits.kFold(3, 5).folds(d);
        Experiment e = new Experiment(List.of(Experiment.AlgorithmSpec.of("bias"),
                new Experiment.AlgorithmSpec("global-mean", Map.of()), Experiment.AlgorithmSpec.of("popularity")),
                new Evaluator());
        return e.run(d.name(), "kfold:3", 5, folds);
    }

    @Test
    void oneRowPerAlgorithmAndFoldWithMeansAndSampleStd() throws Exception {
        Report r = run();
        assertThat(r.rows()).hasSize(9);
        assertThat(r.algorithms()).containsExactly("bias", "global-mean", "popularity");
        assertThat(r.folds()).hasSize(3);
        for (Report.Row row : r.rows()) {
            switch (row.algorithm()) {
                case "global-mean" -> assertThat(row.result().metrics()).containsKey("rmse").doesNotContainKey("ndcg@10");
                case "popularity" -> assertThat(row.result().metrics()).containsKey("ndcg@10").doesNotContainKey("rmse");
                default -> assertThat(row.result().metrics()).containsKeys("rmse", "ndcg@10", "topk_accuracy_unseen@100");
            }
            assertThat(row.trainSeconds()).isGreaterThanOrEqualTo(0);
        }
        Report.Summary bias = r.summaries().get(0);
        double[] v = r.rows().stream().filter(x -> x.algorithm().equals("bias"))
                .mapToDouble(x -> x.result().metrics().get("rmse")).toArray();
        double mean = (v[0] + v[1] + v[2]) / 3;
        double std = Math.sqrt(((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean)
                + (v[2] - mean) * (v[2] - mean)) / 2);
        assertThat(bias.folds()).isEqualTo(3);
        assertThat(bias.mean().get("rmse")).isCloseTo(mean, within(1e-12));
        assertThat(bias.std().get("rmse")).isCloseTo(std, within(1e-12));
        Report.Summary gm = r.summaries().get(1);
        // The planted structure has real user and item biases: the bias baseline must beat the mean clearly.
        assertThat(bias.mean().get("rmse")).isLessThan(gm.mean().get("rmse") - 0.05);
    }

    @Test
    void sameSeedSameMetrics() throws Exception {
        Report a = run();
        Report b = run();
        for (int k = 0; k < a.rows().size(); k++) {
            assertThat(b.rows().get(k).result()).isEqualTo(a.rows().get(k).result());
        }
    }

    @Test
    void jsonHasLowerCaseMetricNamesRowsAndSummary() throws Exception {
        Report r = run();
        JsonNode root = new ObjectMapper().readTree(org.movierec.eval.report.JsonRenderer.toJson(r));
        assertThat(root.get("split").asText()).isEqualTo("kfold:3");
        assertThat(root.get("config").get("k").asInt()).isEqualTo(10);
        assertThat(root.get("rows")).hasSize(9);
        JsonNode fold = root.get("folds").get(0);
        assertThat(fold.get("name").asText()).isEqualTo("fold-1/3");
        // 6,000 ratings in 3 folds: 4,000 train and 2,000 test each.
        assertThat(fold.get("train").get("ratings").asInt()).isEqualTo(4_000);
        assertThat(fold.get("test").get("ratings").asInt()).isEqualTo(2_000);
        assertThat(fold.get("validation").isNull()).isTrue();
        JsonNode m = root.get("rows").get(0).get("metrics");
        for (String name : new String[] {"rmse", "mae", "mape", "mae_norm", "mape_norm", "precision@10", "recall@10",
            "ndcg@10", "map@10", "mrr@10", "hit_rate@10", "coverage@10", "topk_accuracy@1", "topk_accuracy@100",
            "topk_accuracy_unseen@100"}) {
            assertThat(m.has(name)).as(name).isTrue();
        }
        assertThat(root.get("rows").get(0).get("counts").get("ranking_users").asLong()).isPositive();
        JsonNode s = root.get("summary").get(0);
        assertThat(s.get("algorithm").asText()).isEqualTo("bias");
        assertThat(s.get("mean").get("rmse").asDouble()).isCloseTo(r.summaries().get(0).mean().get("rmse"),
                within(1e-12));
        assertThat(s.get("std").has("train_seconds")).isTrue();
    }

    @Test
    void tableHasARowPerFoldAndAMeanLine() throws Exception {
        String text = new org.movierec.eval.report.TableRenderer().render(run());
        String[] tables = text.split("\n\n");
        // Rating, ranking, beyond-accuracy, top-K accuracy, the comparisons with the first algorithm, then the
        // notes: what the p-values are, and the legend of the arrows.
        assertThat(tables).hasSize(6);
        assertThat(tables[5]).contains(Report.COMPARISON_NOTE)
                .contains("↓ lower is better, ↑ higher is better").contains("docs/EVALUATION.md");
        // Rating metrics and times: header + 3 algorithms x (3 folds + mean line).
        String[] rating = tables[0].split("\n");
        assertThat(rating).hasSize(1 + 3 * 4);
        assertThat(rating[0]).startsWith("algorithm").contains("rmse", "mape_norm", "train_s").doesNotContain("@");
        assertThat(rating[4]).startsWith("bias").contains("mean±std");
        assertThat(rating[9]).startsWith("popularity").contains(" - ");
        // Ranking metrics: global-mean has none, so header + 2 x 4 lines.
        String[] ranking = tables[1].split("\n");
        assertThat(ranking).hasSize(1 + 2 * 4);
        assertThat(ranking[0]).contains("precision@10 ↑", "hit_rate@10").doesNotContain("topk").doesNotContain("coverage");
        assertThat(tables[2].split("\n")[0]).contains("coverage@10", "novelty@10", "arp@10 ↓");
        assertThat(tables[3].split("\n")[0]).contains("topk_accuracy@1 ↑", "topk_accuracy_unseen@100 ↑");
        assertThat(tables[4].split("\n")[0]).startsWith("comparison").contains("t_test_p", "wilcoxon_p");
        assertThat(tables[4]).contains("popularity vs bias");
    }

    @Test
    void markdownHasPipeTablesWithTheSameRows() throws Exception {
        Report r = run();
        String md = new org.movierec.eval.report.MarkdownRenderer().render(r);
        assertThat(md).startsWith("## ").contains("- fold-1/3: train 4,000 ratings");
        List<String> rows = md.lines().filter(l -> l.startsWith("| bias | fold-")).toList();
        assertThat(rows).hasSize(12); // 3 folds in each of the 4 metric tables
        assertThat(md).contains("| comparison | metric | pairs |");
        assertThat(md).contains("| algorithm | fold | rmse ↓ |").contains("| --- | --- | ---: |");
    }

    @Test
    void unknownAlgorithmsAndParametersFailBeforeTraining() {
        assertThatThrownBy(() -> new Experiment(List.of(Experiment.AlgorithmSpec.of("nope")), new Evaluator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> new Experiment(List.of(new Experiment.AlgorithmSpec("bias", Map.of("regUsr", "3"))),
                new Evaluator())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regUsr");
    }
}

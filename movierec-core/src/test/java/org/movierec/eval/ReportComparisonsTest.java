package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportComparisonsTest {
    static Evaluator.Result result(int[] users, double[] ndcg) {
        LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
        cols.put("ndcg@10", ndcg);
        return new Evaluator.Result(Map.of("ndcg@10", 0.0), Map.of(), new Evaluator.PerUser(users, cols));
    }

    static Report.Row row(String algo, String fold, Evaluator.Result r) {
        return new Report.Row(algo, Map.of(), fold, r, 0, 0);
    }

    /**
     * Pairs are (fold, user) with both values: fold f1 gives u0 (0.1, 0.3) and u1 (0.5, 0.4) (u2 has no
     * reference value); fold f2 gives u3 (0.6, 0.9) (u0 and u4 are in one algorithm's part only).
     * Differences 0.2, -0.1, 0.3: mean 0.4/3. Wilcoxon: ranks of |d| 2, 1, 3, W+ = 2 + 3 = 5; of the 8
     * sign patterns of {1, 2, 3}, W+ >= 5 for {2,3} and {1,2,3}: P = 2/8, p = 2 * 2/8 = 0.5 (exact).
     */
    @Test
    void pairsUsersWithinFoldsAndPoolsFolds() {
        Report report = new Report("d", "s", 1, Evaluator.Config.DEFAULTS, List.of(), List.of(
                row("ref", "f1", result(new int[] {0, 1, 2}, new double[] {0.1, 0.5, Double.NaN})),
                row("alg", "f1", result(new int[] {0, 1, 2}, new double[] {0.3, 0.4, 0.9})),
                row("ref", "f2", result(new int[] {0, 3}, new double[] {0.2, 0.6})),
                row("alg", "f2", result(new int[] {3, 4}, new double[] {0.9, 0.1}))));
        List<Report.Comparison> cs = report.comparisons();
        assertThat(cs).hasSize(1);
        Report.Comparison c = cs.get(0);
        assertThat(c.reference()).isEqualTo("ref");
        assertThat(c.algorithm()).isEqualTo("alg");
        assertThat(c.pairs()).isEqualTo(3);
        assertThat(c.meanDiff()).isCloseTo(0.4 / 3, within(1e-12));
        assertThat(c.tP()).isEqualTo(Significance.pairedT(new double[] {0.1, 0.5, 0.6},
                new double[] {0.3, 0.4, 0.9}).p());
        assertThat(c.wilcoxonP()).isCloseTo(0.5, within(1e-15));
        assertThat(c.exact()).isTrue();
    }

    @Test
    void oneAlgorithmHasNothingToCompare() {
        Report report = new Report("d", "s", 1, Evaluator.Config.DEFAULTS, List.of(), List.of(
                row("ref", "f1", result(new int[] {0}, new double[] {0.1}))));
        assertThat(report.comparisons()).isEmpty();
    }
}

package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.DatasetReader;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.testing.Fixtures;

/**
 * Proves the harness on the real ML-100k against published numbers (skipped when the data is absent).
 * The data is read once; the whole class takes a few seconds.
 */
class RealMl100kTest {
    static Path dir;
    static Dataset data;
    static List<Fold> folds;

    @BeforeAll
    static void load() throws Exception {
        dir = Fixtures.requireMl100k();
        data = DatasetReader.read(dir);
        folds = Splits.parse("u1..u5", dir, 0).folds(data);
    }

    @Test
    void predefinedFoldsAre80kTrain20kTestAndTheTestsPartitionTheData() {
        Set<Long> tested = new HashSet<>();
        for (Fold f : folds) {
            assertThat(f.train().interactions().size()).isEqualTo(80_000);
            assertThat(f.test().interactions().size()).isEqualTo(20_000);
            Interactions t = f.test().interactions();
            for (int p = 0; p < t.size(); p++) {
                tested.add((long) t.user(p) * 10_000 + t.item(p));
            }
        }
        assertThat(tested).hasSize(100_000);
    }

    @Test
    void biasBaselineMatchesTheKnownU1ToU5Rmse() {
        // A well-known Python library's BaselineOnly (ALS, reg_u=15, reg_i=10, 10 epochs) scores a mean
        // RMSE of 0.9457 over u1..u5 (reported about 0.945). Tolerance: 0.003.
        Report r = new Experiment(List.of(Experiment.AlgorithmSpec.of("bias")),
                new Evaluator(Evaluator.Config.DEFAULTS.withTopKAccuracyKs())).run(data.name(), "u1..u5", 0, folds);
        assertThat(r.summaries().get(0).mean().get("rmse")).isCloseTo(0.9457, within(0.003));
    }

    @Test
    void popularityOnU1MatchesTheKnownPrecisionAndNdcg() {
        // Relevant = test rating >= 4, candidates = movies the user did not rate in u1.base, K = 10.
        // Reference: precision@10 about 0.214, NDCG@10 about 0.245, 456 users with a relevant test movie.
        Report r = new Experiment(List.of(Experiment.AlgorithmSpec.of("popularity")),
                new Evaluator(Evaluator.Config.DEFAULTS.withTopKAccuracyKs())).run(data.name(), "u1", 0,
                folds.subList(0, 1));
        Evaluator.Result res = r.rows().get(0).result();
        assertThat(res.counts().get("ranking_users")).isEqualTo(456L);
        assertThat(res.metrics().get("precision@10")).isCloseTo(0.214, within(0.002));
        assertThat(res.metrics().get("ndcg@10")).isCloseTo(0.245, within(0.002));
        // The 459 test users minus the 456 with a relevant movie.
        assertThat(res.counts().get("ranking_users_skipped")).isEqualTo(3L);
    }
}

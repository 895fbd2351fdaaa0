package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

class RandomBaselineTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new RandomBaseline(new RandomBaseline.Config(seed));
    }

    @Override
    protected boolean personalized() {
        return false;
    }

    @Override
    protected Margin rmseMarginOverBias() {
        return Margin.notApplicable("is the random baseline: it is meant to lose");
    }

    @Override
    protected Margin ndcgMarginOverPopularity() {
        return Margin.notApplicable("is the random baseline: it is meant to lose");
    }

    /** Scores are uniform on [0, 1): over 400 x 300 pairs the mean is 1/2 and the variance 1/12. */
    @Test
    void scoresAreUniformAndPredictionsFollowTheTrainingRatings() {
        Dataset train = synthetic()[0];
        RandomBaseline.Model m = new RandomBaseline(new RandomBaseline.Config(5)).fit(train, null,
                ProgressListener.NONE);
        float[] out = new float[train.numItems()];
        double s = 0;
        double sq = 0;
        long n = 0;
        double ps = 0;
        double psq = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            m.scoreAll(u, out);
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).isGreaterThanOrEqualTo(0f).isLessThan(1f);
                s += out[i];
                sq += out[i] * out[i];
                double p = m.predict(u, i);
                ps += p;
                psq += p * p;
                n++;
            }
        }
        double mean = s / n;
        assertThat(mean).isCloseTo(0.5, within(0.005));
        assertThat(sq / n - mean * mean).isCloseTo(1.0 / 12, within(0.003));
        // Predictions: mean and standard deviation of the training ratings (within sampling error).
        float[] r = train.interactions().ratingsArray();
        double rm = 0;
        for (float x : r) {
            rm += x;
        }
        rm /= r.length;
        double rv = 0;
        for (float x : r) {
            rv += (x - rm) * (x - rm);
        }
        rv /= r.length;
        double pm = ps / n;
        assertThat(pm).isCloseTo(rm, within(0.02));
        assertThat(psq / n - pm * pm).isCloseTo(rv, within(0.03 * rv));
    }

    /**
     * ML-100k u1 with seed 42 (evaluate's default seed): the README's numbers, RMSE 1.5456 and NDCG@10
     * 0.0134, from {@code ./movierec evaluate --split u1 --algo random}.
     */
    @Test
    void realMovieLensU1() throws Exception {
        java.nio.file.Path dir = org.movierec.testing.Fixtures.requireMl100k();
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        RandomBaseline.Model m = new RandomBaseline(new RandomBaseline.Config(42)).fit(u1[0], null,
                ProgressListener.NONE);
        assertThat(AlgorithmContract.rmse(m, u1[1])).isCloseTo(1.5456, within(5e-5));
        assertThat(TopNHarness.topN(m, u1[0], u1[1], 10)[0]).isCloseTo(0.0134, within(5e-5));
    }

    @Test
    void otherSeedOtherRanking() {
        Dataset train = synthetic()[0];
        float[] a = new float[train.numItems()];
        float[] b = new float[train.numItems()];
        new RandomBaseline(new RandomBaseline.Config(1)).fit(train, null, ProgressListener.NONE).scoreAll(0, a);
        new RandomBaseline(new RandomBaseline.Config(2)).fit(train, null, ProgressListener.NONE).scoreAll(0, b);
        assertThat(b).isNotEqualTo(a);
    }
}

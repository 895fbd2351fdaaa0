package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

class ItemKnnTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new ItemKnn();
    }

    /**
     * The Pearson-baseline similarity correlates rating residuals, so it ignores popularity, and the
     * synthetic generator draws which movies a user rates from popularity alone: measured hit
     * rate@10 0.481 vs popularity's 0.588 there. On the real ML-100k u1 it beats popularity at
     * top-10 (see {@link #realMovieLensU1TopNRanksBySimilarity}); its strength, rating prediction,
     * is held to the contract's full RMSE margin over the bias baseline.
     */
    @Override
    protected double hitRateMarginOverPopularity() {
        return -0.15;
    }

    @Test
    void shrunkPearsonBaselineSimilarityByHand() {
        // Three users rate movies 0 and 1; a third movie 2 is rated by user 0 only. Residuals given directly
        // (positions are user-major): u0 (1, 2, 7), u1 (-1, -1), u2 (0.5, 0).
        // s_01: prod = 1*2 + (-1)(-1) + 0.5*0 = 3; sum e0^2 = 1 + 1 + 0.25 = 2.25; sum e1^2 = 4 + 1 + 0 = 5;
        // 3 / sqrt(11.25) = 0.894427; shrinkage 2 with n = 3: (3-1)/(3-1+2) = 0.5 -> 0.447214.
        // s_02 has one common rater, below minSupport 2 -> 0.
        Interactions.Builder b = new Interactions.Builder(3, 3, 8);
        b.add(0, 0, 4, 1);
        b.add(0, 1, 4, 2);
        b.add(0, 2, 4, 3);
        b.add(1, 0, 4, 4);
        b.add(1, 1, 4, 5);
        b.add(2, 0, 4, 6);
        b.add(2, 1, 4, 7);
        Interactions in = b.build(false);
        float[] resid = {1, 2, 7, -1, -1, 0.5f, 0};
        float[] s = ItemKnn.similarities(in, resid, 2, 2);
        assertThat(s[0 * 3 + 1]).isCloseTo(0.447214f, within(1e-5f));
        assertThat(s[1 * 3 + 0]).isEqualTo(s[0 * 3 + 1]);
        assertThat(s[0 * 3 + 2]).isZero();
        assertThat(s[0]).isZero();
    }

    @Test
    void neighbourhoodKeepsTheKMostSimilarPositiveNeighbours() {
        // Row of similarities over 5 items; the user rated items 0..4 with residuals 1..5.
        // Positive sims: 0.1 (e=1), 0.5 (e=2), 0.4 (e=4), 0.2 (e=5); k = 2 keeps 0.5 and 0.4:
        // sum s e = 0.5*2 + 0.4*4 = 2.6, sum |s| = 0.9.
        ItemKnn.Neighbours nb = new ItemKnn.Neighbours(2);
        float[] sim = {0.1f, 0.5f, -0.3f, 0.4f, 0.2f};
        nb.collect(sim, 0, new int[] {0, 1, 2, 3, 4}, new float[] {1, 2, 3, 4, 5}, 0, 5);
        assertThat(nb.count).isEqualTo(2);
        assertThat(nb.weighted()).isCloseTo(2.6, within(1e-6));
        assertThat(nb.simSum()).isCloseTo(0.9, within(1e-6));
    }

    /** Two movies; u0 and u1 rate both, u2 movie 0 only: the prediction follows the formula. */
    @Test
    void predictionIsBaselinePlusWeightedResiduals() {
        // With the default bias shrinkage the biases stay small, so residuals are close to r - mu
        // (mu = 17/5 = 3.4): u0 (+1.6, +1.6), u1 (-1.4, -2.4): movies 0 and 1 correlate positively.
        Interactions.Builder b = new Interactions.Builder(3, 2, 5);
        b.add(0, 0, 5, 1);
        b.add(0, 1, 5, 2);
        b.add(1, 0, 2, 3);
        b.add(1, 1, 1, 4);
        b.add(2, 0, 4, 5);
        Dataset d = new Dataset("tiny", Users.withoutDemographics(IdIndex.sequential(3)),
                Movies.idsOnly(IdIndex.sequential(2)), b.build(false), RatingScale.WHOLE_STARS);
        ItemKnn.Model m = new ItemKnn(new ItemKnn.Config(5, 0, 2, 0.5f, ItemKnn.Ranking.PREDICTED, 15, 10, 10))
                .fit(d, null, ProgressListener.NONE);
        BiasBaseline.Biases bb = BiasBaseline.fitBiases(d.interactions(), 15, 10, 10);
        float s01 = m.similarity(0, 1);
        assertThat(s01).isPositive();
        // u2's only neighbour of movie 1 is movie 0: r = b_21 + s e_20 / (0.5 + |s|).
        float e20 = 4 - (bb.mean() + bb.user()[2] + bb.item()[0]);
        float b21 = bb.mean() + bb.user()[2] + bb.item()[1];
        assertThat(m.predict(2, 1)).isCloseTo(b21 + s01 * e20 / (0.5f + s01), within(1e-5f));
        float[] out = new float[2];
        m.scoreAll(2, out);
        assertThat(out[1]).isEqualTo(m.predict(2, 1));
    }

    @Test
    void foldInFindsTheNewUsersBlock() {
        Dataset d = Fixtures.twoBlocks();
        ItemKnn.Model m = (ItemKnn.Model) smallTrainer(1).fit(d, null, ProgressListener.NONE);
        float[] out = new float[d.numItems()];
        m.scoreFoldIn(new int[] {0, 2, 4, 5}, new float[] {5, 5, 5, 4}, out);
        int best = -1;
        for (int i = 0; i < d.numItems(); i++) {
            if (i != 0 && i != 2 && i != 4 && i != 5 && (best < 0 || out[i] > out[best])) {
                best = i;
            }
        }
        assertThat(best).isBetween(0, 9);
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {1, 2}, new float[] {4}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    @Test
    void rejectsBadConfigAndIsInTheCatalogue() {
        assertThatThrownBy(() -> new ItemKnn.Config(0, 100, 2, 0, ItemKnn.Ranking.SIMILARITY, 15, 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=0");
        assertThat(AlgorithmRegistry.create("item-knn", Map.of("k", "30", "ranking", "predicted")).config().toString())
                .contains("k=30", "ranking=PREDICTED");
    }

    /**
     * RMSE on the five predefined ML-100k folds with the defaults (k 40, shrinkage 100, denominatorReg
     * 0.25, chosen on a validation split of u1.base). Measured: u1 0.9306, u2 0.9150, u3 0.9102,
     * u4 0.9101, u5 0.9152, mean 0.9162; Koren's plain formula (denominatorReg 0) gives mean 0.9205,
     * matching the 0.9204 of a well-known Python library's KNNBaseline, which this must beat.
     */
    @Test
    void realMovieLensFiveFoldRmse() throws Exception {
        Path dir = Fixtures.ml100k();
        Assumptions.assumeTrue(dir != null, Fixtures.NO_ML100K);
        double sum = 0;
        for (int fold = 1; fold <= 5; fold++) {
            Dataset[] f = TopNHarness.fold(dir, fold).parts();
            ItemKnn.Model m = new ItemKnn().fit(f[0], null, ProgressListener.NONE);
            double rmse = TopNHarness.rmse(m, f[1]);
            assertThat(rmse).as("u%d RMSE", fold).isLessThan(0.935);
            sum += rmse;
        }
        assertThat(sum / 5).as("mean RMSE over u1..u5").isLessThan(0.9185);
    }

    /**
     * Top-10 on ML-100k u1 (relevant = test rating >= 4, candidates = movies unrated in u1.base).
     * Ranking by neighbourhood similarity mass is far better than by predicted rating, which is why
     * it is the default: measured NDCG@10 0.308 / P@10 0.263 versus 0.158 / 0.150 (popularity 0.244 / 0.212).
     */
    @Test
    void realMovieLensU1TopNRanksBySimilarity() throws Exception {
        Path dir = Fixtures.ml100k();
        Assumptions.assumeTrue(dir != null, Fixtures.NO_ML100K);
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        ItemKnn.Model sim = new ItemKnn().fit(u1[0], null, ProgressListener.NONE);
        ItemKnn.Config c = ItemKnn.Config.DEFAULTS;
        ItemKnn.Model pred = new ItemKnn(new ItemKnn.Config(c.k(), c.shrinkage(), c.minSupport(), c.denominatorReg(),
                ItemKnn.Ranking.PREDICTED, c.regUser(), c.regItem(), c.biasIterations()))
                .fit(u1[0], null, ProgressListener.NONE);
        double[] s = TopNHarness.topN(sim, u1[0], u1[1], 10);
        double[] p = TopNHarness.topN(pred, u1[0], u1[1], 10);
        System.out.printf("item-knn u1 top-10: similarity NDCG %.4f P %.4f; predicted NDCG %.4f P %.4f%n",
                s[0], s[1], p[0], p[1]);
        assertThat(s[0]).as("NDCG@10, similarity ranking").isGreaterThan(0.29);
        assertThat(s[1]).as("P@10, similarity ranking").isGreaterThan(0.25);
        assertThat(s[0]).as("similarity ranking beats predicted-rating ranking").isGreaterThan(p[0] + 0.1);
        double[] pop = TopNHarness.topN(new Popularity().fit(u1[0], null, ProgressListener.NONE), u1[0], u1[1], 10);
        assertThat(s[0]).as("NDCG@10 vs popularity's %.4f", pop[0]).isGreaterThan(pop[0] + 0.04);
    }
}

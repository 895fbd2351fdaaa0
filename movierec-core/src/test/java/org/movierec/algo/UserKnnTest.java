package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

class UserKnnTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new UserKnn();
    }

    /** Measured on the planted data: RMSE 0.8645 vs the bias baseline's 0.9418. */
    @Override
    protected Margin rmseMarginOverBias() {
        return Margin.of(0.05);
    }

    /** Ranks by the liked neighbours' similarity mass (the default): measured NDCG@10 0.1917 vs popularity's 0.1405. */
    @Override
    protected Margin ndcgMarginOverPopularity() {
        return Margin.of(0.04);
    }

    /**
     * Three users, three movies.
     * u0: m0=5, m1=3, m2=4 (mean 4; centred 1, -1, 0; norm sqrt 2);
     * u1: m0=4, m1=2       (mean 3; centred 1, -1;    norm sqrt 2);
     * u2: m0=2, m1=4, m2=3 (mean 3; centred -1, 1, 0; norm sqrt 2).
     * s_01 = (1*1 + (-1)(-1)) / (sqrt2 sqrt2) = 1; s_02 = (-1 - 1 + 0) / 2 = -1; s_12 = (-1 - 1) / 2 = -1.
     * u1's prediction for m2: raters u0 (s 1, centred 0) and u2 (s -1, excluded at minSimilarity 0):
     * 3 + 1 * 0 / 1 = 3. With minSimilarity -1 u2 has s = -1, not above -1: still excluded.
     */
    static Dataset tiny() {
        Interactions.Builder b = new Interactions.Builder(3, 3, 8);
        b.add(0, 0, 5, 1);
        b.add(0, 1, 3, 2);
        b.add(0, 2, 4, 3);
        b.add(1, 0, 4, 4);
        b.add(1, 1, 2, 5);
        b.add(2, 0, 2, 6);
        b.add(2, 1, 4, 7);
        b.add(2, 2, 3, 8);
        return new Dataset("tiny", Users.withoutDemographics(IdIndex.sequential(3)),
                Movies.idsOnly(IdIndex.sequential(3)), b.build(false), RatingScale.WHOLE_STARS);
    }

    @Test
    void meanCentredCosineSimilarityByHand() {
        UserKnn.Model m = new UserKnn().fit(tiny(), null, ProgressListener.NONE);
        assertThat(m.similarity(0, 1)).isCloseTo(1.0, within(1e-6));
        assertThat(m.similarity(1, 0)).isCloseTo(1.0, within(1e-6));
        assertThat(m.similarity(0, 2)).isCloseTo(-1.0, within(1e-6));
        assertThat(m.similarity(1, 2)).isCloseTo(-1.0, within(1e-6));
        assertThat(m.userMean(0)).isEqualTo(4f);
        assertThat(m.predict(1, 2)).isCloseTo(3f, within(1e-6f));
    }

    /**
     * Four users rate movie 3 (the target) and movies 0..2 that define similarity; u4 is the query.
     * u4: m0=5, m1=1, m2=3 (mean 3; centred 2, -2, 0; norm sqrt 8).
     * u0: m0=4, m1=2, m3=5 (mean 11/3; centred 1/3, -5/3, 4/3).
     * u1: m0=5, m1=3, m3=2 (mean 10/3; centred 5/3, -1/3, -4/3).
     * u2: m0=1, m1=5, m3=3 (mean 3; centred -2, 2, 0): negatively similar, never a neighbour.
     * ||c_u0|| = sqrt(1/9 + 25/9 + 16/9) = sqrt(42)/3, ||c_u1|| the same.
     * s_40 = (2/3 + 10/3) / (sqrt8 * sqrt42/3) = 4 * 3 / sqrt(336) = 12 / 18.3303 = 0.654654;
     * s_41 = (10/3 + 2/3) / (same) = 0.654654.
     * k = 1 keeps the first of two equal neighbours (u0, centred 4/3): 3 + 4/3 = 4.333333.
     * k = 2: 3 + (s (4/3) + s (-4/3)) / (2 s) = 3.
     */
    @Test
    void predictionIsUserMeanPlusWeightedCentredRatings() {
        Interactions.Builder b = new Interactions.Builder(5, 4, 12);
        float[][] r = {{4, 2, 0, 5}, {5, 3, 0, 2}, {1, 5, 0, 3}, {0, 0, 0, 0}, {5, 1, 3, 0}};
        long t = 1;
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 4; i++) {
                if (r[u][i] > 0) {
                    b.add(u, i, r[u][i], t++);
                }
            }
        }
        Dataset d = new Dataset("q", Users.withoutDemographics(IdIndex.sequential(5)),
                Movies.idsOnly(IdIndex.sequential(4)), b.build(false), RatingScale.WHOLE_STARS);
        UserKnn.Model k2 = new UserKnn(new UserKnn.Config(2, 1, 0f, UserKnn.Ranking.PREDICTED))
                .fit(d, null, ProgressListener.NONE);
        assertThat(k2.similarity(4, 0)).isCloseTo(12 / Math.sqrt(336), within(1e-6));
        assertThat(k2.similarity(4, 2)).isNegative();
        assertThat(k2.predict(4, 3)).isCloseTo(3f, within(1e-5f));
        UserKnn.Model k1 = new UserKnn(new UserKnn.Config(1, 1, 0f, UserKnn.Ranking.PREDICTED))
                .fit(d, null, ProgressListener.NONE);
        assertThat(k1.predict(4, 3)).isCloseTo(3f + 4f / 3, within(1e-5f));
        // Three neighbours required but only two are positively similar: the user's mean.
        UserKnn.Model min3 = new UserKnn(new UserKnn.Config(3, 3, 0f, UserKnn.Ranking.PREDICTED))
                .fit(d, null, ProgressListener.NONE);
        assertThat(min3.predict(4, 3)).isEqualTo(3f);
        // Similarity ranking: the sum of the two neighbours' similarities; liked similarity: u0's alone
        // (u0's centred rating of m3 is +4/3, u1's -4/3); predicted ranking: the prediction.
        float[] out = new float[4];
        new UserKnn(new UserKnn.Config(2, 1, 0f, UserKnn.Ranking.SIMILARITY)).fit(d, null, ProgressListener.NONE)
                .scoreAll(4, out);
        assertThat(out[3]).isCloseTo((float) (24 / Math.sqrt(336)), within(1e-5f));
        new UserKnn(new UserKnn.Config(2, 1, 0f, UserKnn.Ranking.LIKED_SIMILARITY)).fit(d, null,
                ProgressListener.NONE).scoreAll(4, out);
        assertThat(out[3]).isCloseTo((float) (12 / Math.sqrt(336)), within(1e-5f));
        k1.scoreAll(4, out);
        assertThat(out[3]).isEqualTo(k1.predict(4, 3));
        // A cold user gets the global mean; u3 has no ratings.
        assertThat(k2.predict(3, 0)).isCloseTo((float) d.interactions().meanRating(), within(1e-6f));
    }

    @Test
    void foldInFindsTheNewUsersBlock() {
        Dataset d = Fixtures.twoBlocks();
        UserKnn.Model m = (UserKnn.Model) smallTrainer(1).fit(d, null, ProgressListener.NONE);
        float[] out = new float[d.numItems()];
        m.scoreFoldIn(new int[] {0, 2, 4, 5, 12}, new float[] {5, 5, 5, 4, 1}, out);
        int best = -1;
        for (int i = 0; i < d.numItems(); i++) {
            if (i != 0 && i != 2 && i != 4 && i != 5 && i != 12 && (best < 0 || out[i] > out[best])) {
                best = i;
            }
        }
        assertThat(best).isBetween(0, 9);
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {1, 2}, new float[] {4}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    /**
     * On the two blocks with dislikes, a new user rates three block-0 movies 1 star and one block-1
     * movie 5 stars (mean 2, centred -1, -1, -1, +3): the block-0 users (who rated those movies 4-5)
     * are negatively similar, the block-1 users positively, and they liked only block-1 movies. So no
     * block-0 movie may get a positive score, and the best unrated movies are in block 1. Ranked by
     * plain similarity mass, the block-1 users' 1-star ratings of block-0 movies would raise those.
     * A user whose ratings are all 1 is centred on the global mean and still reads as a dislike.
     */
    @Test
    void aDislikeNeverRaisesTheDislikedBlock() {
        Dataset d = Fixtures.twoBlocksWithDislikes();
        UserKnn.Model m = new UserKnn().fit(d, null, ProgressListener.NONE);
        float[] out = new float[d.numItems()];
        int[][] rated = {{0, 1, 2, 12}, {0, 1, 2}};
        float[][] ratings = {{1, 1, 1, 5}, {1, 1, 1}};
        for (int c = 0; c < 2; c++) {
            m.scoreFoldIn(rated[c], ratings[c], out);
            for (int i = 3; i < 10; i++) {
                assertThat(out[i]).as("case %d: block-0 movie %d", c, i).isLessThanOrEqualTo(0f);
            }
        }
        m.scoreFoldIn(rated[0], ratings[0], out);
        float bestBlock1 = 0;
        for (int i = 10; i < 20; i++) {
            if (i != 12) {
                bestBlock1 = Math.max(bestBlock1, out[i]);
            }
        }
        assertThat(bestBlock1).isPositive();
    }

    @Test
    void rejectsBadConfigAndIsInTheCatalogue() {
        assertThatThrownBy(() -> new UserKnn.Config(0, 1, 0, UserKnn.Ranking.SIMILARITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=0");
        assertThatThrownBy(() -> new UserKnn.Config(5, 6, 0, UserKnn.Ranking.SIMILARITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minNeighbours=6");
        assertThat(AlgorithmRegistry.create("user-knn", Map.of("k", "20", "ranking", "predicted")).config().toString())
                .contains("k=20", "ranking=PREDICTED");
    }

    /**
     * ML-100k u1 with the defaults: the README's numbers (RMSE 0.9474, NDCG@10 0.3527, from
     * {@code ./movierec evaluate --split u1..u5 --algo user-knn}), against the bias baseline's 0.9600 and
     * popularity's 0.2451 through the same harness.
     */
    @Test
    void realMovieLensU1() throws Exception {
        Path dir = Fixtures.requireMl100k();
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        UserKnn.Model m = new UserKnn().fit(u1[0], null, ProgressListener.NONE);
        double rmse = AlgorithmContract.rmse(m, u1[1]);
        double[] s = TopNHarness.topN(m, u1[0], u1[1], 10);
        double[] pop = TopNHarness.topN(new Popularity().fit(u1[0], null, ProgressListener.NONE), u1[0], u1[1], 10);
        double bias = AlgorithmContract.rmse(new BiasBaseline().fit(u1[0], null, ProgressListener.NONE), u1[1]);
        System.out.printf("user-knn u1: RMSE %.4f (bias %.4f), NDCG@10 %.4f (popularity %.4f)%n", rmse, bias, s[0],
                pop[0]);
        assertThat(rmse).as("RMSE vs bias baseline's %.4f", bias).isLessThan(bias - 0.005);
        assertThat(s[0]).as("NDCG@10 vs popularity's %.4f", pop[0]).isGreaterThan(pop[0] + 0.08);
        assertThat(rmse).as("README's u1 RMSE").isCloseTo(0.9474, within(5e-5));
        assertThat(s[0]).as("README's u1 NDCG@10").isCloseTo(0.3527, within(5e-5));
    }
}

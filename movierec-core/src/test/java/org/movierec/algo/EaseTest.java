package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
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
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

class EaseTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new Ease();
    }

    /** Measured on the planted data: NDCG@10 0.2323 vs popularity's 0.1405. */
    @Override
    protected Margin ndcgMarginOverPopularity() {
        return Margin.of(0.06);
    }

    @Override
    protected Margin rmseMarginOverBias() {
        return Margin.notApplicable("predicts no ratings (an item-item scorer)");
    }

    /** Three users, two movies: u0 rates both (5, 3), u1 movie 0 (4), u2 movie 1 (3). No dislikes (below 3). */
    private static Dataset tiny() {
        Interactions.Builder b = new Interactions.Builder(3, 2, 4);
        b.add(0, 0, 5, 1);
        b.add(0, 1, 3, 2);
        b.add(1, 0, 4, 3);
        b.add(2, 1, 3, 4);
        return new Dataset("tiny", Users.withoutDemographics(IdIndex.sequential(3)),
                Movies.idsOnly(IdIndex.sequential(2)), b.build(false), RatingScale.WHOLE_STARS);
    }

    private static Ease.Model fit(Ease.Config c, Dataset d) {
        return new Ease(c).fit(d, null, ProgressListener.NONE);
    }

    @Test
    void easeMatchesTheClosedFormByHand() {
        // Binary X = [[1,1],[1,0],[0,1]]: G = [[2,1],[1,2]]; lambda 1: P = [[3,1],[1,3]]^-1 = 1/8 [[3,-1],[-1,3]].
        // B_01 = -P_01 / P_11 = (1/8) / (3/8) = 1/3 = B_10; diagonal 0.
        Ease.Model m = fit(new Ease.Config(1, 0, true, Ease.Input.BINARY, 4, 0), tiny());
        assertThat(m.weight(0, 1)).isCloseTo(1f / 3, within(1e-6f));
        assertThat(m.weight(1, 0)).isCloseTo(1f / 3, within(1e-6f));
        assertThat(m.weight(0, 0)).isZero();
        float[] out = new float[2];
        m.scoreAll(1, out); // x_u1 = [1, 0] -> row 0 of B
        assertThat(out).containsExactly(new float[] {0f, 1f / 3}, within(1e-6f));
    }

    @Test
    void dlaeAndEdlaeMatchTheClosedFormByHand() {
        // DLAE, lambda 1, no dropout: B = I - P Lambda = I - P: B_00 = 1 - 3/8 = 5/8, B_01 = 1/8.
        Ease.Model dlae = fit(new Ease.Config(1, 0, false, Ease.Input.BINARY, 4, 0), tiny());
        assertThat(dlae.weight(0, 0)).isCloseTo(5f / 8, within(1e-6f));
        assertThat(dlae.weight(0, 1)).isCloseTo(1f / 8, within(1e-6f));
        // EDLAE, lambda 1, dropout 0.5: Lambda_ii = 1 + (0.5/0.5) * G_ii = 3, so G + Lambda = [[5,1],[1,5]],
        // P = 1/24 [[5,-1],[-1,5]], B_01 = (1/24) / (5/24) = 0.2.
        Ease.Model edlae = fit(new Ease.Config(1, 0.5f, true, Ease.Input.BINARY, 4, 0), tiny());
        assertThat(edlae.weight(0, 1)).isCloseTo(0.2f, within(1e-6f));
        assertThat(edlae.weight(1, 1)).isZero();
    }

    @Test
    void inputWeightsFollowTheRatings() {
        // LIKED, threshold 4, disliked weight 0.5: X = [[1,0.5],[1,0],[0,0.5]] (u0's and u2's 3s are below 4).
        // G = [[2, 0.5],[0.5, 0.5]]; lambda 1: G + I = [[3,0.5],[0.5,1.5]], det = 4.5 - 0.25 = 4.25,
        // P = 1/4.25 [[1.5,-0.5],[-0.5,3]]. B_01 = -P_01 / P_11 = 0.5/3 = 1/6; B_10 = -P_10 / P_00 = 0.5/1.5 = 1/3.
        Ease.Model m = fit(new Ease.Config(1, 0, true, Ease.Input.LIKED, 4, 0.5f), tiny());
        assertThat(m.weight(0, 1)).isCloseTo(1f / 6, within(1e-6f));
        assertThat(m.weight(1, 0)).isCloseTo(1f / 3, within(1e-6f));
        // u0 scores: x = [1, 0.5] -> [0.5 * B_10, 1 * B_01] = [1/6, 1/6].
        float[] out = new float[2];
        m.scoreAll(0, out);
        assertThat(out).containsExactly(new float[] {1f / 6, 1f / 6}, within(1e-6f));
        // RATING: X = [[5,3],[4,0],[0,3]], G = [[41,15],[15,18]]; lambda 1: P ∝ [[19,-15],[-15,42]]: B_01 = 15/42.
        Ease.Model r = fit(new Ease.Config(1, 0, true, Ease.Input.RATING, 4, 0), tiny());
        assertThat(r.weight(0, 1)).isCloseTo(15f / 42, within(1e-6f));
    }

    @Test
    void aDislikeIsZeroInTheInputAndOnlyEverLowersScores() {
        // tiny() with u0's 3 turned into a 2 (a dislike, below the middle 3 of 1..5): BINARY X = [[1,0],[1,0],[0,1]],
        // G = [[2,0],[0,1]], so B = 0: the dislike no longer ties movie 1 to movie 0 (with the 3 it was 1/3).
        Interactions.Builder b = new Interactions.Builder(3, 2, 4);
        b.add(0, 0, 5, 1);
        b.add(0, 1, 2, 2);
        b.add(1, 0, 4, 3);
        b.add(2, 1, 3, 4);
        Dataset d = new Dataset("tiny-dislike", Users.withoutDemographics(IdIndex.sequential(3)),
                Movies.idsOnly(IdIndex.sequential(2)), b.build(false), RatingScale.WHOLE_STARS);
        Ease.Model m = fit(new Ease.Config(1, 0, true, Ease.Input.BINARY, 4, 0), d);
        assertThat(m.weight(0, 1)).isZero();
        assertThat(m.weight(1, 0)).isZero();
        // On tiny() (B_01 = B_10 = 1/3), a fold-in's dislike adds nothing beside a like: {0: 5} and {0: 5, 1: 1}
        // both score [0, 1/3] (before the fix the 1 weighed 1 in BINARY: [1/3, 1/3]) ...
        Ease.Model t = fit(new Ease.Config(1, 0, true, Ease.Input.BINARY, 4, 0), tiny());
        float[] out = new float[2];
        t.scoreFoldIn(new int[] {0, 1}, new float[] {5, 1}, out);
        assertThat(out).containsExactly(new float[] {0f, 1f / 3}, within(1e-6f));
        // ... and dislikes alone subtract their rows: {1: 1} scores -B_1 = [-1/3, 0].
        t.scoreFoldIn(new int[] {1}, new float[] {1}, out);
        assertThat(out).containsExactly(new float[] {-1f / 3, 0f}, within(1e-6f));
    }

    @Test
    void foldInScoresANewUserLikeATrainingUserAndFindsTheirBlock() {
        Dataset d = Fixtures.twoBlocks();
        Ease.Model m = (Ease.Model) new Ease().fit(d, null, ProgressListener.NONE);
        // A new user who rated movies 0, 2, 4 of block 0 only.
        float[] out = new float[d.numItems()];
        m.scoreFoldIn(new int[] {0, 2, 4}, new float[] {5, 4, 5}, out);
        int best = -1;
        for (int i = 0; i < d.numItems(); i++) {
            if (i != 0 && i != 2 && i != 4 && (best < 0 || out[i] > out[best])) {
                best = i;
            }
        }
        assertThat(best).isBetween(0, 9);
        for (int i = 10; i < 21; i++) {
            assertThat(out[i]).as("movie %d of the other block", i).isZero();
        }
        // Folding in a training user's own ratings reproduces their scores.
        Interactions in = d.interactions();
        int u = 13;
        int n = in.userCount(u);
        int[] items = new int[n];
        float[] ratings = new float[n];
        for (int k = 0; k < n; k++) {
            items[k] = in.item(in.userStart(u) + k);
            ratings[k] = in.rating(in.userStart(u) + k);
        }
        float[] fold = new float[d.numItems()];
        float[] own = new float[d.numItems()];
        m.scoreFoldIn(items, ratings, fold);
        m.scoreAll(u, own);
        assertThat(fold).containsExactly(own);
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {99}, new float[] {4}, fold))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item index 99");
    }

    @Test
    void rejectsBadConfigAndIsInTheCatalogue() {
        assertThatThrownBy(() -> new Ease.Config(-1, 0, true, Ease.Input.BINARY, 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda=-1.0");
        assertThatThrownBy(() -> new Ease.Config(0, 0, true, Ease.Input.BINARY, 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both be 0");
        assertThatThrownBy(() -> new Ease.Config(1, 1, true, Ease.Input.BINARY, 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout=1.0");
        assertThat(AlgorithmRegistry.create("ease", Map.of("lambda", "100", "input", "binary")).config())
                .isEqualTo(new Ease.Config(100, 0, true, Ease.Input.BINARY, 4, 0.5f));
    }

    /**
     * ML-100k u1, top-10 (relevant = test rating >= 4, candidates = movies unrated in u1.base, 456
     * users). Measured with the defaults (lambda 250, liked input, disliked weight 0.5): NDCG@10
     * 0.4817, P@10 0.4013 (a plain binary EASE at lambda 500: 0.4476 / 0.3768; popularity 0.244 / 0.212).
     */
    @Test
    void realMovieLensU1TopN() throws Exception {
        Path dir = Fixtures.requireMl100k();
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        Ease.Model m = new Ease().fit(u1[0], null, ProgressListener.NONE);
        double[] r = TopNHarness.topN(m, u1[0], u1[1], 10);
        assertThat((int) r[2]).isEqualTo(456);
        assertThat(r[0]).as("NDCG@10").isGreaterThanOrEqualTo(0.47);
        assertThat(r[1]).as("P@10").isGreaterThanOrEqualTo(0.395);
        double[] pop = TopNHarness.topN(new Popularity().fit(u1[0], null, ProgressListener.NONE), u1[0], u1[1], 10);
        assertThat(r[0]).as("NDCG@10 vs popularity's %.4f", pop[0]).isGreaterThan(pop[0] + 0.15);
    }
}

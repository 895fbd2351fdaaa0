package org.movierec.rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.data.Interactions;
import org.movierec.model.ItemScorer;

/** Hand-computed neighbour fold-ins over three training users whose score rows are unit vectors. */
class NeighbourFoldInTest {
    /** User u's score row is the unit vector e_u over four items. */
    static final ItemScorer UNIT_ROWS = new ItemScorer() {
        @Override
        public void scoreAll(int user, float[] out) {
            java.util.Arrays.fill(out, 0f);
            out[user] = 1f;
        }

        @Override
        public int numItems() {
            return 4;
        }
    };

    /** A: item0=5 item1=5; B: item0=1 item1=1; D: item0=5 item1=1 (users 0, 1, 2); mean 3. */
    static Interactions explicit() {
        Interactions.Builder b = new Interactions.Builder(3, 4, 6);
        b.add(0, 0, 5, 0);
        b.add(0, 1, 5, 0);
        b.add(1, 0, 1, 0);
        b.add(1, 1, 1, 0);
        b.add(2, 0, 5, 0);
        b.add(2, 1, 1, 0);
        return b.build(true);
    }

    static float[] foldIn(NeighbourFoldIn f, int[] items, float... ratings) {
        float[] out = new float[4];
        f.scoreFoldIn(items, ratings, out);
        return out;
    }

    @Test
    void agreementOnLikesAndDislikesPicksTheNeighbours() {
        NeighbourFoldIn f = new NeighbourFoldIn(UNIT_ROWS, explicit(), 30);
        // 5 and 5: centred (2, 2); A agrees (cosine 1), B disagrees, D is orthogonal: A's row alone
        assertThat(foldIn(f, new int[] {0, 1}, 5, 5)).containsExactly(1, 0, 0, 0);
        // 1 and 1: the dislikes agree with B only
        assertThat(foldIn(f, new int[] {0, 1}, 1, 1)).containsExactly(0, 1, 0, 0);
        // 5 and 4: centred (2, 1). A: 6 / (sqrt 5 sqrt 8) x 2/(2+2) = 0.47434; D: 2 / (sqrt 5 sqrt 8) x 1/2 =
        // 0.15811; B negative. Weights 0.75 and 0.25.
        float[] out = foldIn(f, new int[] {0, 1}, 5, 4);
        assertThat(out[0]).isCloseTo(0.75f, within(1e-6f));
        assertThat(out[1]).isZero();
        assertThat(out[2]).isCloseTo(0.25f, within(1e-6f));
        // one shared movie: A and D agree equally (cosine 1, shrink 1/3 each)
        out = foldIn(f, new int[] {0}, 5);
        assertThat(out[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void theNeighbourCountIsRespectedMostSimilarFirst() {
        NeighbourFoldIn f = new NeighbourFoldIn(UNIT_ROWS, explicit(), 1);
        // 5 and 4: A (0.474) beats D (0.158)
        assertThat(foldIn(f, new int[] {0, 1}, 5, 4)).containsExactly(1, 0, 0, 0);
    }

    @Test
    void withoutAnyCoRaterTheMostActiveUsersStandIn() {
        NeighbourFoldIn f = new NeighbourFoldIn(UNIT_ROWS, explicit(), 2);
        // nobody rated item 3; every user rated two movies: the first two by index (A, B), equal weights
        float[] out = foldIn(f, new int[] {3}, 5);
        assertThat(out).containsExactly(0.5f, 0.5f, 0f, 0f);
    }

    @Test
    void implicitFeedbackIsNotCentred() {
        Interactions.Builder b = new Interactions.Builder(3, 4, 4);
        b.add(0, 0, 1, 0);
        b.add(0, 1, 1, 0);
        b.add(1, 1, 1, 0);
        b.add(2, 2, 1, 0);
        NeighbourFoldIn f = new NeighbourFoldIn(UNIT_ROWS, b.build(true), 30);
        // item 0: only user 0 shares it (centring on the mean 1 would have made every value 0)
        assertThat(foldIn(f, new int[] {0}, 1)).containsExactly(1, 0, 0, 0);
        // item 1: users 0 and 1; cosine 1 for both, shrink 1/3 each
        float[] out = foldIn(f, new int[] {1}, 1);
        assertThat(out[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(out[1]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new NeighbourFoldIn(UNIT_ROWS, explicit(), 0)).hasMessageContaining("neighbours");
        NeighbourFoldIn f = new NeighbourFoldIn(UNIT_ROWS, explicit(), 3);
        assertThatThrownBy(() -> f.scoreFoldIn(new int[] {0}, new float[0], new float[4]))
                .hasMessageContaining("1 items but 0 ratings");
    }

    @Test
    void aRecommenderFallsBackOnlyWhenTheModelHasNoFoldIn() {
        Recommender plain = new Recommender(UNIT_ROWS, explicit());
        assertThat(plain.supportsFoldIn()).isFalse();
        assertThat(plain.foldInStrategy()).isNull();
        Recommender withNeighbours = plain.withFallbackFoldIn(new NeighbourFoldIn(UNIT_ROWS, explicit(), 30));
        assertThat(withNeighbours.foldInStrategy()).isEqualTo("neighbours");
        Recommender.Ranked r = withNeighbours.recommendFoldIn(new int[] {0, 1}, new float[] {5, 5}, 1, null, null);
        // items 0 and 1 are rated; A's row gives items 2 and 3 the same 0, and ties go to the lower index
        assertThat(r.items()).containsExactly(2);
    }
}

package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.ItemScorer;

class TopNHarnessTest {
    private static Dataset data(int nu, int ni, float[][] triples) {
        Interactions.Builder b = new Interactions.Builder(nu, ni, triples.length);
        long t = 0;
        for (float[] x : triples) {
            b.add((int) x[0], (int) x[1], x[2], t++);
        }
        return new Dataset("d", Users.withoutDemographics(IdIndex.sequential(nu)),
                Movies.idsOnly(IdIndex.sequential(ni)), b.build(false), RatingScale.WHOLE_STARS);
    }

    @Test
    void ndcgAndPrecisionByHand() {
        // 12 movies; the scorer ranks by item index descending (11 first). User 0 rated movie 11 in training,
        // so its top 10 is 10, 9, ..., 1. Test: movie 10 rated 5 (rank 1), movie 8 rated 4 (rank 3),
        // movie 9 rated 3 (not relevant), movie 0 rated 5 (rank 11, outside the top 10).
        // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; 3 relevant, IDCG = 1 + 1/log2(3) + 1/log2(4)
        // = 1 + 0.63093 + 0.5 = 2.13093; NDCG = 0.70392. Precision = 2 hits / 10 = 0.2.
        // User 1 has only a rating of 2 in test: skipped.
        Dataset train = data(2, 12, new float[][] {{0, 11, 5}, {1, 3, 4}});
        Dataset test = data(2, 12, new float[][] {{0, 10, 5}, {0, 8, 4}, {0, 9, 3}, {0, 0, 5}, {1, 5, 2}});
        ItemScorer byIndex = new ItemScorer() {
            @Override
            public void scoreAll(int user, float[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = i;
                }
            }

            @Override
            public int numItems() {
                return 12;
            }
        };
        double[] m = TopNHarness.topN(byIndex, train, test, 10);
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertThat(m[0]).isCloseTo(1.5 / idcg, within(1e-12));
        assertThat(m[0]).isCloseTo(0.70392, within(1e-5));
        assertThat(m[1]).isCloseTo(0.2, within(1e-12));
        assertThat(m[2]).isEqualTo(1.0);
    }
}

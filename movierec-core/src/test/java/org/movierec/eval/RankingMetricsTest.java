package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final double EPS = 1e-12;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_6 = Math.log(6) / Math.log(2);

    static boolean[] mask(int n, int... items) {
        boolean[] m = new boolean[n];
        for (int i : items) {
            m[i] = true;
        }
        return m;
    }

    @Test
    void oneListByHand() {
        // K = 5, list [3, 7, 1, 9, 4], relevant {7, 4, 2} (2 is not in the list): hits at ranks 2 and 5.
        // precision = 2/5 = 0.4; recall = 2/3; hit rate = 1; RR = 1/2.
        // DCG = 1/log2(3) + 1/log2(6) = 0.6309298 + 0.3868528 = 1.0177826
        // IDCG (min(5, 3) = 3 at the top) = 1 + 1/log2(3) + 1/log2(4) = 2.1309298; NDCG = 0.4776237
        // AP = (1/2 + 2/5) / min(5, 3) = 0.9 / 3 = 0.3
        int[] ranked = {3, 7, 1, 9, 4};
        boolean[] rel = mask(10, 7, 4, 2);
        double[] v = new double[6];
        RankingMetrics.userValues(ranked, 5, rel, 3, 5, v);
        assertThat(v[RankingMetrics.PRECISION]).isCloseTo(0.4, within(EPS));
        assertThat(v[RankingMetrics.RECALL]).isCloseTo(2.0 / 3, within(EPS));
        assertThat(v[RankingMetrics.HIT_RATE]).isEqualTo(1.0);
        assertThat(v[RankingMetrics.MRR]).isCloseTo(0.5, within(EPS));
        assertThat(v[RankingMetrics.NDCG]).isCloseTo((1 / LOG2_3 + 1 / LOG2_6) / (1 + 1 / LOG2_3 + 0.5), within(EPS));
        assertThat(v[RankingMetrics.NDCG]).isCloseTo(0.4776237, within(1e-7));
        assertThat(v[RankingMetrics.MAP]).isCloseTo(0.3, within(EPS));
    }

    @Test
    void moreRelevantItemsThanKStillAllowAPerfectScore() {
        // K = 2, list [1, 2], relevant {1, 2, 3, 4}: precision 1, recall 2/4, IDCG over min(2, 4) = 2
        // items so NDCG = 1, AP = (1/1 + 2/2) / min(2, 4) = 1.
        int[] ranked = {1, 2};
        boolean[] rel = mask(5, 1, 2, 3, 4);
        assertThat(RankingMetrics.precision(ranked, 2, rel, 2)).isEqualTo(1.0);
        assertThat(RankingMetrics.recall(ranked, 2, rel, 4)).isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.ndcg(ranked, 2, rel, 4, 2)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.averagePrecision(ranked, 2, rel, 4, 2)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void aShortListIsStillDividedByK() {
        // Only one candidate, relevant: precision@5 = 1/5; NDCG = 1 (IDCG over min(5, 1) = 1 item).
        int[] ranked = {0};
        boolean[] rel = mask(1, 0);
        assertThat(RankingMetrics.precision(ranked, 1, rel, 5)).isCloseTo(0.2, within(EPS));
        assertThat(RankingMetrics.ndcg(ranked, 1, rel, 1, 5)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void noHitScoresZeroEverywhere() {
        double[] v = new double[6];
        RankingMetrics.userValues(new int[] {0, 1, 2}, 3, mask(5, 4), 1, 3, v);
        assertThat(v).containsOnly(0.0);
    }

    @Test
    void accumulatorAveragesUsersAndMeasuresCoverage() {
        // 10 items, K = 2. User A: [0, 1], relevant {1} -> precision 1/2, RR 1/2.
        // User B: [1, 2], relevant {1, 5} -> precision 1/2, RR 1. One skipped user.
        // Means: precision 0.5, MRR (0.5 + 1) / 2 = 0.75, hit rate 1. Coverage: {0, 1, 2} of 10 = 0.3.
        RankingMetrics.Accumulator a = new RankingMetrics.Accumulator(2, 10);
        RankingMetrics.Accumulator b = new RankingMetrics.Accumulator(2, 10);
        a.add(new int[] {0, 1}, 2, mask(10, 1), 1);
        b.add(new int[] {1, 2}, 2, mask(10, 1, 5), 2);
        b.skip();
        a.merge(b);
        RankingMetrics.Result r = a.result();
        assertThat(r.users()).isEqualTo(2);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.precision()).isCloseTo(0.5, within(EPS));
        assertThat(r.mrr()).isCloseTo(0.75, within(EPS));
        assertThat(r.hitRate()).isEqualTo(1.0);
        assertThat(r.coverage()).isCloseTo(0.3, within(EPS));
    }

    @Test
    void rejectsListsLongerThanKAndUsersWithoutRelevantItems() {
        double[] v = new double[6];
        assertThatThrownBy(() -> RankingMetrics.userValues(new int[] {0, 1}, 2, mask(2, 0), 1, 1, v))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.userValues(new int[] {0}, 1, mask(2), 0, 1, v))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topKAccuracyCountsPositionsBelowK() {
        // Positions (whole catalogue, without training movies) of four test pairs: (0, 0), (3, 1), (-1, 4), (7, -1).
        // @1: whole 1/4 (only the first), unseen 1/4. @5: whole {0, 3} = 2/4, unseen {0, 1, 4} = 3/4.
        TopKAccuracy acc = new TopKAccuracy(new int[] {1, 5});
        TopKAccuracy other = new TopKAccuracy(new int[] {1, 5});
        acc.addPair(0, 0);
        acc.addPair(3, 1);
        other.addPair(-1, 4);
        other.addPair(7, -1);
        acc.merge(other);
        assertThat(acc.pairs()).isEqualTo(4);
        assertThat(acc.accuracy(0)).isEqualTo(0.25);
        assertThat(acc.accuracyUnseen(0)).isEqualTo(0.25);
        assertThat(acc.accuracy(1)).isEqualTo(0.5);
        assertThat(acc.accuracyUnseen(1)).isEqualTo(0.75);
        assertThat(acc.maxK()).isEqualTo(5);
    }
}

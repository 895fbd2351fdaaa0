package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.util.ProgressListener;

class BeyondAccuracyTest {
    private static final double EPS = 1e-12;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    /** Genres A = bit 0, B = bit 1, C = bit 2: m0 {A,B}, m1 {A}, m2 {B,C}, m3 {}, m4 {C}, m5 {A}. */
    static final long[] GENRES = {0b011, 0b001, 0b110, 0, 0b100, 0b001};

    @Test
    void jaccardDistanceByHand() {
        assertThat(BeyondAccuracy.jaccardDistance(0b011, 0b110)).isCloseTo(1 - 1.0 / 3, within(EPS)); // {B} / {A,B,C}
        assertThat(BeyondAccuracy.jaccardDistance(0b001, 0b001)).isZero();
        assertThat(BeyondAccuracy.jaccardDistance(0b001, 0)).isEqualTo(1);
        assertThat(BeyondAccuracy.jaccardDistance(0, 0)).isZero();
    }

    @Test
    void listMetricsByHand() {
        // Counts n = (4, 2, 1, 0, 4, 1) over N = 4 training users.
        BeyondAccuracy b = new BeyondAccuracy(new int[] {4, 2, 1, 0, 4, 1}, 4, GENRES);
        // Self-information: m0 log2(4/4) = 0; m1 log2(4/2) = 1; m2 log2 4 = 2; m3 unrated counts as 1: 2.
        assertThat(b.selfInformation(0)).isZero();
        assertThat(b.selfInformation(1)).isCloseTo(1, within(EPS));
        assertThat(b.selfInformation(3)).isCloseTo(2, within(EPS));
        int[] list = {0, 1, 2};
        // novelty (0 + 1 + 2) / 3 = 1; arp (4 + 2 + 1) / 3 = 7/3.
        assertThat(b.novelty(list, 3)).isCloseTo(1, within(EPS));
        assertThat(b.arp(list, 3)).isCloseTo(7.0 / 3, within(EPS));
        // ILD over pairs: d(0,1) = 1 - 1/2 = 1/2 ({A} / {A,B}); d(0,2) = 1 - 1/3 = 2/3; d(1,2) = 1 (disjoint).
        // Mean of 3 pairs: (1/2 + 2/3 + 1) / 3 = 13/18.
        assertThat(b.diversity(list, 3)).isCloseTo(13.0 / 18, within(EPS));
        // A prefix of one movie has no pair: undefined.
        assertThat(b.diversity(list, 1)).isNaN();
        assertThat(new BeyondAccuracy(new int[] {1, 1}, 2, null).diversity(new int[] {0, 1}, 2)).isNaN();
    }

    /**
     * The evaluator's hand fixture ({@link EvaluatorTest}) with genres: K = 2, the lists are u0 [1, 3] and
     * u1 [0, 2]; u2 has no relevant test movie and no list. Training counts n = (2, 1, 1, 0, 0, 0) over
     * N = 3 training users.
     * novelty: u0 (log2 3 + log2 3) / 2 = 1.5849625; u1 (log2 1.5 + log2 3) / 2 = 1.0849625; mean 1.3349625.
     * arp: u0 (1 + 0) / 2 = 0.5; u1 (2 + 1) / 2 = 1.5; mean 1.
     * diversity: u0 {A} vs {} = 1; u1 {A,B} vs {B,C} = 2/3; mean 5/6.
     */
    @Test
    void evaluatorReportsThemAndPerUserValues() {
        Dataset parent = new Dataset("genres", Users.withoutDemographics(IdIndex.sequential(3)),
                new Movies(IdIndex.sequential(6), new String[] {"a", "b", "c", "d", "e", "f"}, new int[6], GENRES,
                        List.of("A", "B", "C"), null, null),
                Interactions.empty(3, 6), RatingScale.WHOLE_STARS);
        Dataset train = parent.withInteractions("train", EvaluatorTest.TRAIN.interactions());
        Dataset test = parent.withInteractions("test", EvaluatorTest.TEST.interactions());
        Evaluator.Result r = new Evaluator(EvaluatorTest.CONFIG).evaluate(new EvaluatorTest.Fixed(), train, null, test,
                ProgressListener.NONE);
        double nov0 = LOG2_3;
        double nov1 = (Math.log(1.5) / Math.log(2) + LOG2_3) / 2;
        assertThat(r.metrics().get("novelty@2")).isCloseTo((nov0 + nov1) / 2, within(EPS));
        assertThat(r.metrics().get("arp@2")).isCloseTo(1.0, within(EPS));
        assertThat(r.metrics().get("diversity@2")).isCloseTo(5.0 / 6, within(EPS));

        // Per user: the three users with test ratings. Fixed predicts 10 x score clipped to 5 stars:
        // u0 (m1 5 -> 5, m4 3 -> 5): RMSE sqrt(4/2) = sqrt 2, MAE 1; u1 (m3 4 -> 5, m0 2 -> 5): RMSE
        // sqrt((1 + 9)/2) = sqrt 5, MAE 2; u2 (m5 2 -> 4): RMSE 2, MAE 2.
        Evaluator.PerUser pu = r.perUser();
        assertThat(pu.size()).isEqualTo(3);
        assertThat(pu.names()).containsExactly("rmse", "mae", "mape", "mae_norm", "mape_norm", "precision@2",
                "recall@2", "ndcg@2", "map@2", "mrr@2", "hit_rate@2", "novelty@2", "diversity@2", "arp@2");
        assertThat(pu.value("rmse", 0)).isCloseTo(Math.sqrt(2), within(EPS));
        assertThat(pu.value("mae", 1)).isCloseTo(2, within(EPS));
        assertThat(pu.value("rmse", 2)).isCloseTo(2, within(EPS));
        assertThat(pu.value("ndcg@2", 0)).isCloseTo(1, within(EPS));
        assertThat(pu.value("ndcg@2", 1)).isZero();
        assertThat(pu.value("ndcg@2", 2)).isNaN();
        assertThat(pu.value("novelty@2", 0)).isCloseTo(nov0, within(EPS));
        assertThat(pu.value("arp@2", 1)).isCloseTo(1.5, within(EPS));
        assertThat(pu.value("diversity@2", 0)).isCloseTo(1, within(EPS));
        assertThat(pu.value("diversity@2", 1)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(pu.user(2)).isEqualTo(2);
        assertThat(pu.rowOf(1)).isEqualTo(1);
        // The means of the per-user values are the reported metrics.
        assertThat((pu.value("ndcg@2", 0) + pu.value("ndcg@2", 1)) / 2).isCloseTo(r.metrics().get("ndcg@2"),
                within(EPS));
    }

    @Test
    void withoutGenresThereIsNoDiversity() {
        Evaluator.Result r = new Evaluator(EvaluatorTest.CONFIG).evaluate(new EvaluatorTest.Fixed(),
                EvaluatorTest.TRAIN, null, EvaluatorTest.TEST, ProgressListener.NONE);
        assertThat(r.metrics()).containsKey("novelty@2").containsKey("arp@2").doesNotContainKey("diversity@2");
        assertThat(r.perUser().names()).doesNotContain("diversity@2");
    }

    @Test
    void metricSpecKnowsThemAndTheirDirection() {
        assertThat(MetricSpec.parse("novelty@10").lowerIsBetter()).isFalse();
        assertThat(MetricSpec.parse("diversity").label()).isEqualTo("diversity@10");
        assertThat(MetricSpec.parse("arp@5").lowerIsBetter()).isTrue();
        assertThat(MetricSpec.parse("arp@5").better(1, 2)).isTrue();
    }
}

package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.algo.BiasBaseline;
import org.movierec.algo.Popularity;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Training;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;

class EvaluatorTest {
    private static final double EPS = 1e-12;

    /** Scores item i as SCORES[i] for every user and predicts 10 * SCORES[i] stars. */
    static final class Fixed implements Model, ItemScorer, RatingPredictor {
        static final float[] SCORES = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};

        @Override
        public void scoreAll(int user, float[] out) {
            System.arraycopy(SCORES, 0, out, 0, SCORES.length);
        }

        @Override
        public int numItems() {
            return SCORES.length;
        }

        @Override
        public float predict(int user, int item) {
            return 10 * SCORES[item];
        }

        @Override
        public Provenance provenance() {
            return Provenance.untrained("fixed", null, 0);
        }

        @Override
        public Model withProvenance(Provenance p) {
            return this;
        }

        @Override
        public String type() {
            return "fixed";
        }

        @Override
        public void writePayload(DataOutputStream out) {
        }
    }

    static final Dataset PARENT = new Dataset("hand", Users.withoutDemographics(IdIndex.sequential(3)),
            Movies.idsOnly(IdIndex.sequential(6)), Interactions.empty(3, 6), RatingScale.WHOLE_STARS);

    /** A part over PARENT's id space from {user, item, rating} triples. */
    static Dataset part(int[]... triples) {
        Interactions.Builder b = new Interactions.Builder(3, 6, triples.length);
        for (int[] t : triples) {
            b.add(t[0], t[1], t[2], 0);
        }
        return PARENT.withInteractions("part", b.build(false));
    }

    static final Dataset TRAIN = part(new int[] {0, 0, 4}, new int[] {0, 2, 4}, new int[] {1, 1, 4},
            new int[] {2, 0, 4});
    static final Dataset TEST = part(new int[] {0, 1, 5}, new int[] {0, 4, 3}, new int[] {1, 3, 4},
            new int[] {1, 0, 2}, new int[] {2, 5, 2});

    static final Evaluator.Config CONFIG = new Evaluator.Config(2, 4f, true, new int[] {1, 3});

    @Test
    void rankingAndTopKAccuracyByHand() {
        // Scores rank the catalogue 0 > 1 > 2 > 3 > 4 > 5 for everyone. K = 2, relevant = rating >= 4.
        // u0 (trained on 0, 2): candidates [1, 3, 4, 5], top 2 [1, 3], relevant {1}:
        //    precision 1/2, recall 1, NDCG 1, AP 1/min(2,1) = 1, RR 1, hit 1.
        // u1 (trained on 1): candidates [0, 2, 3, 4, 5], top 2 [0, 2], relevant {3}: all 0.
        // u2: test rating 2 only, no relevant movie: skipped.
        // Means over u0, u1: precision 0.25, recall 0.5, NDCG 0.5, MAP 0.5, MRR 0.5, hit rate 0.5;
        // coverage: {1, 3, 0, 2} of 6 movies = 2/3.
        // Top-K accuracy over the 5 test pairs, whole catalogue positions: u0: 1 -> 1, 4 -> 4;
        //    u1: 3 -> 3, 0 -> 0; u2: 5 -> 5. @1: 1/5 = 0.2; @3: 2/5 = 0.4.
        // Without training movies: u0 [1, 3, 4, 5]: 1 -> 0, 4 -> 2; u1 [0, 2, 3, 4, 5]: 3 -> 2, 0 -> 0;
        //    u2 [1, 2, 3, 4, 5]: 5 -> 4. @1: 2/5 = 0.4; @3: 4/5 = 0.8.
        Evaluator.Result r = new Evaluator(CONFIG).evaluate(new Fixed(), TRAIN, null, TEST, ProgressListener.NONE);
        Map<String, Double> m = r.metrics();
        assertThat(m.get("precision@2")).isCloseTo(0.25, within(EPS));
        assertThat(m.get("recall@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("ndcg@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("map@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("mrr@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("hit_rate@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("coverage@2")).isCloseTo(4.0 / 6, within(EPS));
        assertThat(m.get("topk_accuracy@1")).isCloseTo(0.2, within(EPS));
        assertThat(m.get("topk_accuracy@3")).isCloseTo(0.4, within(EPS));
        assertThat(m.get("topk_accuracy_unseen@1")).isCloseTo(0.4, within(EPS));
        assertThat(m.get("topk_accuracy_unseen@3")).isCloseTo(0.8, within(EPS));
        assertThat(r.counts()).containsEntry("ranking_users", 2L).containsEntry("ranking_users_skipped", 1L)
                .containsEntry("topk_pairs", 5L).containsEntry("test_ratings", 5L);
    }

    @Test
    void ratingMetricsClipToTheScaleUnlessToldNot() {
        // Predictions 10 * score: item 1 -> 8, 4 -> 5, 3 -> 6, 0 -> 9, 5 -> 4.
        // Clipped to 1..5: 5, 5, 5, 5, 4 against 5, 3, 4, 2, 2: errors 0, 2, 1, 3, 2.
        //   RMSE = sqrt((0 + 4 + 1 + 9 + 4) / 5) = sqrt(3.6); MAE = 8 / 5 = 1.6.
        // Unclipped: errors 3, 2, 2, 7, 2: RMSE = sqrt((9 + 4 + 4 + 49 + 4) / 5) = sqrt(14); MAE = 16 / 5 = 3.2.
        Map<String, Double> clipped = new Evaluator(CONFIG).evaluate(new Fixed(), TRAIN, null, TEST,
                ProgressListener.NONE).metrics();
        assertThat(clipped.get("rmse")).isCloseTo(Math.sqrt(3.6), within(1e-6));
        assertThat(clipped.get("mae")).isCloseTo(1.6, within(1e-6));
        Map<String, Double> raw = new Evaluator(CONFIG.withClip(false)).evaluate(new Fixed(), TRAIN, null, TEST,
                ProgressListener.NONE).metrics();
        assertThat(raw.get("rmse")).isCloseTo(Math.sqrt(14), within(1e-6));
        assertThat(raw.get("mae")).isCloseTo(3.2, within(1e-6));
        assertThat(raw.keySet()).startsWith("rmse", "mae", "mape", "mae_norm", "mape_norm");
    }

    @Test
    void relevanceThresholdIsConfigurable() {
        // Relevant = rating >= 3: u0 relevant {1, 4}, top 2 [1, 3]: precision 1/2, recall 1/2,
        //   NDCG = 1 / (1 + 1/log2(3)) = 0.6131472, AP = (1/1) / min(2, 2) = 0.5.
        // u1 relevant {3}: zeros. u2 (rating 2) still skipped.
        Map<String, Double> m = new Evaluator(CONFIG.withRelevance(3)).evaluate(new Fixed(), TRAIN, null, TEST,
                ProgressListener.NONE).metrics();
        assertThat(m.get("recall@2")).isCloseTo(0.25, within(EPS));
        assertThat(m.get("ndcg@2")).isCloseTo(0.5 / (1 + Math.log(2) / Math.log(3)), within(EPS));
        assertThat(m.get("map@2")).isCloseTo(0.25, within(EPS));
    }

    @Test
    void validationRatingsAreHistoryToo() {
        // Validation holds u1's rating of movie 2, so u1's candidates are [0, 3, 4, 5]: top 2 [0, 3],
        // relevant {3} at rank 2: precision 1/2, RR 1/2. With u0 unchanged (1/2, 1):
        // precision (0.5 + 0.5) / 2 = 0.5, MRR (1 + 0.5) / 2 = 0.75.
        Dataset validation = part(new int[] {1, 2, 3});
        Fold f = new Fold("f", TRAIN, validation, TEST);
        Map<String, Double> m = new Evaluator(CONFIG).evaluate(new Fixed(), f, ProgressListener.NONE).metrics();
        assertThat(m.get("precision@2")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("mrr@2")).isCloseTo(0.75, within(EPS));
    }

    // ---- against a naive reference on synthetic data ----

    static Fold syntheticFold() throws Exception {
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(150, 120, 4_000, 4, 0.5, 0.8, 5, false, 9));
        return Splits.random(0.8, 1).folds(d).get(0);
    }

    /**
     * A deliberately plain re-implementation: sort every candidate by (score desc, index asc) with
     * boxed collections and count with List.contains.
     */
    static Map<String, Double> reference(ItemScorer s, Fold f, int k, float relevance, int[] ks) {
        Interactions tr = f.train().interactions();
        Interactions te = f.test().interactions();
        int ni = s.numItems();
        double prec = 0;
        double rec = 0;
        double ndcg = 0;
        double ap = 0;
        double rr = 0;
        double hit = 0;
        int users = 0;
        Set<Integer> covered = new HashSet<>();
        long[] all = new long[ks.length];
        long[] unseen = new long[ks.length];
        long pairs = 0;
        for (int u = 0; u < te.numUsers(); u++) {
            if (te.userCount(u) == 0) {
                continue;
            }
            float[] sc = new float[ni];
            s.scoreAll(u, sc);
            Set<Integer> seen = new HashSet<>();
            for (int p = tr.userStart(u); p < tr.userEnd(u); p++) {
                seen.add(tr.item(p));
            }
            List<Integer> whole = new ArrayList<>();
            for (int i = 0; i < ni; i++) {
                whole.add(i);
            }
            whole.sort((a, b) -> sc[a] != sc[b] ? Float.compare(sc[b], sc[a]) : Integer.compare(a, b));
            List<Integer> cand = new ArrayList<>(whole);
            cand.removeAll(seen);
            List<Integer> relevant = new ArrayList<>();
            for (int p = te.userStart(u); p < te.userEnd(u); p++) {
                pairs++;
                int item = te.item(p);
                for (int j = 0; j < ks.length; j++) {
                    if (whole.indexOf(item) < ks[j]) {
                        all[j]++;
                    }
                    int pos = cand.indexOf(item);
                    if (pos >= 0 && pos < ks[j]) {
                        unseen[j]++;
                    }
                }
                if (te.rating(p) >= relevance) {
                    relevant.add(item);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            users++;
            List<Integer> top = cand.subList(0, Math.min(k, cand.size()));
            covered.addAll(top);
            int h = 0;
            double dcg = 0;
            double sumPrec = 0;
            double first = 0;
            for (int j = 0; j < top.size(); j++) {
                if (relevant.contains(top.get(j))) {
                    h++;
                    dcg += 1 / (Math.log(j + 2) / Math.log(2));
                    sumPrec += (double) h / (j + 1);
                    if (first == 0) {
                        first = 1.0 / (j + 1);
                    }
                }
            }
            double idcg = 0;
            for (int j = 0; j < Math.min(k, relevant.size()); j++) {
                idcg += 1 / (Math.log(j + 2) / Math.log(2));
            }
            prec += (double) h / k;
            rec += (double) h / relevant.size();
            ndcg += dcg / idcg;
            ap += sumPrec / Math.min(k, relevant.size());
            rr += first;
            hit += h > 0 ? 1 : 0;
        }
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("precision@" + k, prec / users);
        m.put("recall@" + k, rec / users);
        m.put("ndcg@" + k, ndcg / users);
        m.put("map@" + k, ap / users);
        m.put("mrr@" + k, rr / users);
        m.put("hit_rate@" + k, hit / users);
        m.put("coverage@" + k, (double) covered.size() / ni);
        for (int j = 0; j < ks.length; j++) {
            m.put("topk_accuracy@" + ks[j], (double) all[j] / pairs);
        }
        for (int j = 0; j < ks.length; j++) {
            m.put("topk_accuracy_unseen@" + ks[j], (double) unseen[j] / pairs);
        }
        return m;
    }

    @Test
    void matchesANaiveReferenceIncludingTies() throws Exception {
        // The second fold is sparse: about a quarter of its users have no test rating, so the users
        // scored together in blocks are runs of consecutive indices with gaps between them.
        Dataset sparse = SyntheticGenerator.generate(new SyntheticGenerator.Config(300, 120, 1_800, 4, 0.5, 0.8, 5,
                false, 9));
        Fold gaps = Splits.random(0.8, 1).folds(sparse).get(0);
        int withTest = 0;
        for (int u = 0; u < gaps.test().numUsers(); u++) {
            withTest += gaps.test().interactions().userEnd(u) > gaps.test().interactions().userStart(u) ? 1 : 0;
        }
        assertThat(withTest).isBetween(1, gaps.test().numUsers() - 1);
        matchesTheReference(syntheticFold());
        matchesTheReference(gaps);
    }

    @Test
    void listsFromProjectionBoundsGiveTheReferenceMetrics() throws Exception {
        // 2,500 movies and ALS with 32 factors on data with 4 planted factors: the factor model finds its
        // lists from bounds (ItemScorer.topBlock), those of unseen movies and, for top-k accuracy up to 10,
        // those over every movie (top-100 lists are scored in full); the metrics are the reference's, which
        // scores every movie one user at a time.
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(400, 2_500, 80_000, 4, 0.5, 0.8, 5, 5,
                false, 3));
        Fold f = Splits.random(0.8, 1).folds(d).get(0);
        Model m = Training.fit(org.movierec.model.AlgorithmRegistry.create("als", Map.of("factors", "32",
                "iterations", "3")), f.train(), null, "t", ProgressListener.NONE);
        assertThat(((ItemScorer) m).topBlock(0, 2, f.train().interactions(), 10, new int[2][10], null, new int[2]))
                .as("ALS lists come from bounds here").isTrue();
        assertThat(((ItemScorer) m).topBlock(0, 2, null, 10, new int[2][10], null, new int[2]))
                .as("and the lists over every movie of top-k accuracy up to 10").isTrue();
        assertThat(((ItemScorer) m).topBlock(0, 2, null, 100, new int[2][100], null, new int[2]))
                .as("top-100 lists keep too many candidates here: scored in full").isFalse();
        for (int[] ks : new int[][] {{}, {1, 5, 10}, {1, 5, 10, 50, 100}}) {
            Map<String, Double> got = new Evaluator(new Evaluator.Config(10, 4f, true, ks))
                    .evaluate(m, f, ProgressListener.NONE).metrics();
            Map<String, Double> want = reference((ItemScorer) m, f, 10, 4f, ks);
            assertThat(want).containsKey("ndcg@10").hasSize(7 + 2 * ks.length);
            for (Map.Entry<String, Double> e : want.entrySet()) {
                assertThat(got.get(e.getKey())).as(e.getKey()).isCloseTo(e.getValue(), within(1e-12));
            }
        }
    }

    private static void matchesTheReference(Fold f) throws Exception {
        int[] ks = {1, 5, 10, 50};
        Evaluator ev = new Evaluator(new Evaluator.Config(10, 4f, true, ks));
        // Popularity has many tied counts, so this also checks that ties go to the lower movie index.
        // ALS scores blocks of users with one batched product (ItemScorer.scoreBlock), the reference
        // one user at a time (scoreAll).
        for (Model m : new Model[] {
            Training.fit(new Popularity(), f.train(), null, "t", ProgressListener.NONE),
            Training.fit(new BiasBaseline(), f.train(), null, "t", ProgressListener.NONE),
            Training.fit(org.movierec.model.AlgorithmRegistry.create("als", Map.of("factors", "6", "iterations", "3")),
                    f.train(), null, "t", ProgressListener.NONE)}) {
            Map<String, Double> got = ev.evaluate(m, f, ProgressListener.NONE).metrics();
            Map<String, Double> want = reference((ItemScorer) m, f, 10, 4f, ks);
            for (Map.Entry<String, Double> e : want.entrySet()) {
                assertThat(got.get(e.getKey())).as("%s of %s", e.getKey(), m.type())
                        .isCloseTo(e.getValue(), within(1e-12));
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        Fold f = syntheticFold();
        Model m = Training.fit(new BiasBaseline(), f.train(), null, "t", ProgressListener.NONE);
        String old = System.getProperty("movierec.threads");
        try {
            System.setProperty("movierec.threads", "1");
            Evaluator.Result one = new Evaluator().evaluate(m, f, ProgressListener.NONE);
            System.setProperty("movierec.threads", "3");
            Evaluator.Result three = new Evaluator().evaluate(m, f, ProgressListener.NONE);
            assertThat(three).isEqualTo(one);
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
    }

    @Test
    void aRatingOnlyModelGetsNoRankingMetrics() throws Exception {
        Fold f = syntheticFold();
        Model m = Training.fit(new org.movierec.algo.GlobalMean(), f.train(), null, "t", ProgressListener.NONE);
        Evaluator.Result r = new Evaluator().evaluate(m, f, ProgressListener.NONE);
        assertThat(r.metrics().keySet()).containsExactly("rmse", "mae", "mape", "mae_norm", "mape_norm");
        assertThat(r.counts()).doesNotContainKey("ranking_users");
    }

    /** Predicts 3 stars at time 0 and 5 stars at any later time; 1 star without a time. */
    static final class Timed implements Model, org.movierec.model.TimedRatingPredictor {
        @Override
        public float predict(int user, int item, long timestamp) {
            return timestamp == 0 ? 3f : 5f;
        }

        @Override
        public float predict(int user, int item) {
            return 1f;
        }

        @Override
        public Provenance provenance() {
            return Provenance.untrained("timed", null, 0);
        }

        @Override
        public Model withProvenance(Provenance p) {
            return this;
        }

        @Override
        public String type() {
            return "timed";
        }

        @Override
        public void writePayload(DataOutputStream out) {
        }
    }

    @Test
    void timeAwareModelsArePredictedAtTheTestRatingsTime() {
        // Two test ratings of 3 stars at t=0 and 5 stars at t=100: the timed predictions 3 and 5 are
        // exact (RMSE 0); the time-less ones (1 star) would give errors 2 and 4, RMSE sqrt(10).
        Interactions.Builder b = new Interactions.Builder(3, 6, 2);
        b.add(0, 1, 3, 0);
        b.add(1, 2, 5, 100);
        Dataset test = PARENT.withInteractions("timed-test", b.build(false));
        Evaluator.Result r = new Evaluator(CONFIG).evaluate(new Timed(), TRAIN, null, test, ProgressListener.NONE);
        assertThat(r.metrics().get("rmse")).isCloseTo(0.0, within(EPS));
    }
}

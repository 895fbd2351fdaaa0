package org.movierec.algo;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.DatasetReader;
import org.movierec.eval.Evaluator;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.Provenance;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;

/**
 * Test-scope helpers for the algorithms' real-data tests and tuning drivers: ML-100k folds, seeded
 * hold-out splits for tuning, and top-N metrics computed by the official {@link Evaluator} (RMSE:
 * {@link AlgorithmContract#rmse}), so tuning and tests measure exactly what {@code movierec evaluate}
 * reports.
 */
final class TopNHarness {
    private TopNHarness() {
    }

    /** Train and test parts over the full dataset's id space. */
    record Fold(Dataset train, Dataset test) {
        Dataset[] parts() {
            return new Dataset[] {train, test};
        }
    }

    /** The predefined ML-100k fold {@code u<n>}. */
    static Fold fold(Path dir, int n) throws IOException {
        org.movierec.split.Fold f = Splits.parse("u" + n, dir, 0).folds(DatasetReader.read(dir)).get(0);
        return new Fold(f.train(), f.test());
    }

    /**
     * A validation split of a training set for tuning: each rating goes to validation with
     * probability {@code fraction} (seeded), the rest stay in training.
     */
    static Fold holdOut(Dataset train, double fraction, long seed) {
        Interactions in = train.interactions();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] tr = new int[in.size()];
        int[] va = new int[in.size()];
        int nt = 0;
        int nv = 0;
        for (int p = 0; p < in.size(); p++) {
            if (rnd.nextDouble() < fraction) {
                va[nv++] = p;
            } else {
                tr[nt++] = p;
            }
        }
        return new Fold(train.withInteractions(train.name() + "-fit", in.select(Arrays.copyOf(tr, nt))),
                train.withInteractions(train.name() + "-validation", in.select(Arrays.copyOf(va, nv))));
    }

    /**
     * {@code {ndcg@k, precision@k, users evaluated}} with relevance = test rating >= 4 and the
     * user's training movies excluded, as {@code movierec evaluate} computes them.
     */
    static double[] topN(ItemScorer s, Dataset train, Dataset test, int k) {
        Evaluator.Result r = new Evaluator(new Evaluator.Config(k, 4f, true, new int[0]))
                .evaluate(new ScorerModel(s), train, null, test, ProgressListener.NONE);
        Double ndcg = r.metrics().get("ndcg@" + k);
        Double precision = r.metrics().get("precision@" + k);
        return new double[] {ndcg == null ? 0 : ndcg, precision == null ? 0 : precision,
            r.counts().getOrDefault("ranking_users", 0L)};
    }

    /** Presents a bare scorer to the evaluator (only its ranking capability). */
    private record ScorerModel(ItemScorer scorer) implements Model, ItemScorer {
        @Override
        public void scoreAll(int user, float[] out) {
            scorer.scoreAll(user, out);
        }

        @Override
        public int numItems() {
            return scorer.numItems();
        }

        @Override
        public Provenance provenance() {
            return Provenance.untrained("harness", null, 0);
        }

        @Override
        public Model withProvenance(Provenance p) {
            return this;
        }

        @Override
        public String type() {
            return "harness";
        }

        @Override
        public void writePayload(DataOutputStream out) {
            throw new UnsupportedOperationException("a harness wrapper is not saved");
        }
    }
}

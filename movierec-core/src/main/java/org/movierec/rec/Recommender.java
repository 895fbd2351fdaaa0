package org.movierec.rec;

import org.movierec.data.Interactions;
import org.movierec.model.ItemScorer;
import org.movierec.util.Parallel;

/**
 * An {@link ItemScorer} plus exclusion of what each user already rated plus top-K selection: the
 * one code path used by the CLI, the evaluator and the server.
 */
public final class Recommender {
    private final ItemScorer scorer;
    private final Interactions seen;

    /**
     * @param scorer the model
     * @param seen   interactions whose items are excluded per user (the training data), or null
     *               to exclude nothing
     */
    public Recommender(ItemScorer scorer, Interactions seen) {
        this.scorer = scorer;
        this.seen = seen;
    }

    /** A ranked list: items best first with their scores. */
    public record Ranked(int[] items, float[] scores) {
        public int size() {
            return items.length;
        }
    }

    /** Top {@code k} unseen items for one user. */
    public Ranked recommend(int user, int k) {
        float[] buf = new float[scorer.numItems()];
        TopK top = new TopK(k);
        int[] items = new int[k];
        float[] scores = new float[k];
        int n = rank(user, buf, top, items, scores);
        return new Ranked(java.util.Arrays.copyOf(items, n), java.util.Arrays.copyOf(scores, n));
    }

    /**
     * Top {@code k} unseen items for every user in {@code users}, in parallel; row {@code j} of the
     * result belongs to {@code users[j]} (shorter than k when fewer items are eligible).
     */
    public int[][] recommendAll(int[] users, int k) {
        int[][] out = new int[users.length][];
        Parallel.forRange(users.length, (chunk, from, to) -> {
            float[] buf = new float[scorer.numItems()];
            TopK top = new TopK(k);
            int[] items = new int[k];
            for (int j = from; j < to; j++) {
                int n = rank(users[j], buf, top, items, null);
                out[j] = java.util.Arrays.copyOf(items, n);
            }
        });
        return out;
    }

    /** Scores into {@code buf}, masks seen items, selects; returns the count selected. */
    public int rank(int user, float[] buf, TopK top, int[] outItems, float[] outScores) {
        scorer.scoreAll(user, buf);
        if (seen != null && user < seen.numUsers()) {
            int[] items = seen.itemsArray();
            for (int p = seen.userStart(user), end = seen.userEnd(user); p < end; p++) {
                buf[items[p]] = Float.NEGATIVE_INFINITY;
            }
        }
        return top.select(buf, outItems, outScores);
    }
}

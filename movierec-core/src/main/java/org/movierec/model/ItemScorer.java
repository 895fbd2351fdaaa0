package org.movierec.model;

/**
 * Scores every item for a user, higher meaning more recommended. The caller passes the output
 * buffer (length = number of items) so that scoring many users allocates nothing.
 * Implementations must be thread-safe: the evaluator and server call them from several threads.
 */
public interface ItemScorer {
    /**
     * Scores every item for one user of the training data.
     *
     * @param user a dense user index; a user without training ratings gets finite scores (a fallback such
     *             as popularity or biases)
     * @param out  receives one score per item, higher is better; length {@link #numItems()}
     */
    void scoreAll(int user, float[] out);

    /**
     * {@link #scoreAll} for the users {@code from .. to-1} at once: row {@code r} of {@code out}
     * (length {@link #numItems()}) receives user {@code from + r}'s scores, exactly what
     * {@code scoreAll} gives. Models that can score many users faster together (factor models: one
     * batched product, see {@code Kernels.gemmItemMajor}) override it; this default calls
     * {@code scoreAll} once per user.
     *
     * @param from the first user (dense index)
     * @param to   one past the last user
     * @param out  at least {@code to - from} rows of {@link #numItems()} floats; overwritten
     */
    default void scoreBlock(int from, int to, float[][] out) {
        for (int u = from; u < to; u++) {
            scoreAll(u, out[u - from]);
        }
    }

    /**
     * The best {@code k} items of each of the users {@code from .. to-1}, leaving out the items each
     * rated in {@code exclude}, when this scorer can find them without scoring every item in full: the
     * lists (items, order and score bits) are exactly those of scoring every item with
     * {@link #scoreBlock} and keeping the {@code k} highest finite scores, ties to the lower item
     * index. Factor models with many items do this with bounds from a low-dimensional projection
     * (see {@code FactorModel}); the default, and any scorer for which it would not pay, returns false
     * and writes nothing, and the caller scores every item.
     *
     * @param from      the first user (dense index)
     * @param to        one past the last user
     * @param exclude   per user, the items never to return (the training data), or null
     * @param k         the list length, at least 1
     * @param outItems  per user, receives at least {@code k} item indices, best first
     * @param outScores per user, receives their scores, or null
     * @param counts    per user, receives the list's length
     * @return whether the lists were written
     */
    default boolean topBlock(int from, int to, org.movierec.data.Interactions exclude, int k, int[][] outItems,
                             float[][] outScores, int[] counts) {
        return false;
    }

    /**
     * The number of items scored.
     *
     * @return the length {@code out} must have
     */
    int numItems();

    /**
     * True when the scores are predicted ratings (on the training data's scale), false when they only
     * order items. Scores that are ratings are shown clipped to the rating scale wherever they are shown
     * ({@link org.movierec.rec.Recommender#clipShown}), as the evaluator clips them for RMSE.
     *
     * @return true for predicted ratings; the default, false, for scores that only rank items
     */
    default boolean scoresAreRatings() {
        return false;
    }
}

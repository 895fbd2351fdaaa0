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

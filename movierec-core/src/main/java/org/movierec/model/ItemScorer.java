package org.movierec.model;

/**
 * Scores every item for a user, higher meaning more recommended. The caller passes the output
 * buffer (length = number of items) so that scoring many users allocates nothing.
 * Implementations must be thread-safe: the evaluator and server call them from several threads.
 */
public interface ItemScorer {
    void scoreAll(int user, float[] out);

    /** Number of items scored (the length {@code out} must have). */
    int numItems();

    /**
     * True when the scores are predicted ratings (on the training data's scale), false when they only
     * order items. Scores that are ratings are shown clipped to the rating scale wherever they are shown
     * ({@link org.movierec.rec.Recommender#clipShown}), as the evaluator clips them for RMSE.
     */
    default boolean scoresAreRatings() {
        return false;
    }
}

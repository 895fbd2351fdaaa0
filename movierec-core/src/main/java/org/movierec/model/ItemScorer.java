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
}

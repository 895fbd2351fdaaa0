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
     * The number of items scored.
     *
     * @return the length {@code out} must have
     */
    int numItems();
}

package org.movierec.model;

/**
 * Scores the similarity of every item to one item (higher is more similar). Implementations are
 * thread-safe.
 */
public interface SimilarItems {
    /**
     * Fills {@code out} with every item's similarity to {@code item}; the item itself may get any score.
     *
     * @param item a dense item index
     * @param out  receives one score per item (length = number of items)
     */
    void similarTo(int item, float[] out);

    /**
     * One entry of {@link #similarTo}: {@code other}'s similarity to {@code item}, bit for bit what
     * {@code similarTo(item, out)} writes to {@code out[other]}, at the cost of one pair (the server
     * explains each recommendation by the user's most similar liked movie this way).
     *
     * @param item  a dense item index
     * @param other a dense item index
     * @return the similarity
     */
    float similarity(int item, int other);
}

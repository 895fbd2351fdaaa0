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
}

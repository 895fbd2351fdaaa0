package org.movierec.model;

/** Scores the similarity of every item to one item (higher is more similar). */
public interface SimilarItems {
    /** Fills {@code out} (length = number of items); the item itself may get any score. */
    void similarTo(int item, float[] out);
}

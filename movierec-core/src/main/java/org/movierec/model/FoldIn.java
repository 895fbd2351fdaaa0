package org.movierec.model;

/**
 * Scores all items for a user who is not in the model (or whose ratings changed), from that user's
 * ratings alone, against the fixed item parameters: no retraining. The server uses this for new
 * users who rate a few movies.
 */
public interface FoldIn {
    /**
     * Scores every item for a user known only by their ratings. Thread-safe.

     *
     * @param items   dense item indices the user rated
     * @param ratings the ratings, parallel to {@code items}
     * @param out     receives a score for every item (length = number of items), higher is better;
     *                the rated items are not masked here ({@code Recommender} does that)

     */
    void scoreFoldIn(int[] items, float[] ratings, float[] out);
}

package org.movierec.model;

/**
 * Predicts explicit ratings. Users and items are dense indices of the training dataset's id space;
 * a user or item without training data gets a fallback (a bias or the global mean), never NaN.
 * Predictions are not clipped here: the evaluator clips to the dataset's rating scale.
 */
public interface RatingPredictor {
    /**
     * Predicts one rating.
     *
     * @param user a dense user index of the training dataset's id space
     * @param item a dense item index of the training dataset's id space
     * @return the predicted rating in stars, finite, not clipped to the scale
     */
    float predict(int user, int item);
}

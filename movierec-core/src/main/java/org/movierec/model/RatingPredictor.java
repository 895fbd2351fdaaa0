package org.movierec.model;

/**
 * Predicts explicit ratings. Users and items are dense indices of the training dataset's id space;
 * a user or item without training data gets a fallback (a bias or the global mean), never NaN.
 * Predictions are not clipped here: the evaluator clips to the dataset's rating scale.
 */
public interface RatingPredictor {
    float predict(int user, int item);
}

package org.movierec.model;

/**
 * Predicts a rating at a given moment, for models whose parameters drift with time (such as
 * timeSVD++). As a plain {@link RatingPredictor}, {@link #predict(int, int)} predicts at the
 * user's last training time.
 */
public interface TimedRatingPredictor extends RatingPredictor {
    /**
     * @param timestamp seconds since the epoch, like the interactions' timestamps; a moment outside
     *                  the training period is handled as each model documents (usually clamped)
     */
    float predict(int user, int item, long timestamp);
}

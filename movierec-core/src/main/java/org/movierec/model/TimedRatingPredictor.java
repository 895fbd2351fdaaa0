package org.movierec.model;

/**
 * Predicts a rating at a given moment, for models whose parameters drift with time (such as
 * timeSVD++). As a plain {@link RatingPredictor}, {@link #predict(int, int)} predicts at the
 * user's last training time.
 */
public interface TimedRatingPredictor extends RatingPredictor {
    /**
     * Predicts one rating at a moment.
     *
     * @param user      a dense user index of the training dataset's id space
     * @param item      a dense item index of the training dataset's id space
     * @param timestamp seconds since the epoch, like the interactions' timestamps; a moment outside
     *                  the training period is handled as each model documents (usually clamped)
     * @return the predicted rating in stars, finite, not clipped to the scale
     */
    float predict(int user, int item, long timestamp);
}

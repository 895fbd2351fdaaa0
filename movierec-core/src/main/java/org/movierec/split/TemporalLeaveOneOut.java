package org.movierec.split;

import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/**
 * Temporal leave-one-out with validation: for every user with at least {@link #MIN_RATINGS} ratings,
 * the latest rating is the test rating, the second latest the validation rating and all earlier
 * ones are training ratings.
 *
 * <p>"Latest" follows the order of {@link Interactions}, which is sorted by (user, timestamp, movie
 * index): among ratings with the same timestamp the one with the highest dense movie index counts as
 * the latest. That makes the split deterministic without a seed (and the seed is ignored).
 *
 * <p>Policy for users with fewer than 3 ratings: all of their ratings stay in training, so the
 * model still learns from them, and they are neither validated nor tested. Hence validation and
 * test hold exactly one rating per user with at least 3 ratings.
 */
public final class TemporalLeaveOneOut implements Split {
    /** Fewest ratings a user needs to contribute a test and a validation rating. */
    public static final int MIN_RATINGS = 3;

    @Override
    public String name() {
        return "temporal-loo";
    }

    @Override
    public List<Fold> folds(Dataset data) {
        Interactions in = data.interactions();
        byte[] assign = new byte[in.size()];
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) >= MIN_RATINGS) {
                int end = in.userEnd(u);
                assign[end - 1] = Parts.TEST;
                assign[end - 2] = Parts.VALIDATION;
            }
        }
        return List.of(Parts.fold(data, name(), assign, true));
    }
}

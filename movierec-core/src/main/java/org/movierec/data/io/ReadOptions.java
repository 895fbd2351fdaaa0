package org.movierec.data.io;

import java.util.Objects;
import org.movierec.util.ProgressListener;

/**
 * How {@link DatasetReader} treats questionable input.
 *
 * @param onDuplicate what to do with a second rating for the same (user, movie) pair
 * @param progress    receives one task per ratings file (steps = lines)
 */
public record ReadOptions(OnDuplicate onDuplicate, ProgressListener progress) {
    /** Duplicates are errors; no progress reporting. */
    public static final ReadOptions DEFAULTS = new ReadOptions(OnDuplicate.ERROR, ProgressListener.NONE);

    /** Policy for a repeated (user, movie) pair in a ratings file. */
    public enum OnDuplicate {
        /** Fail, naming both lines (the default: MovieLens files have no duplicates). */
        ERROR,
        /** Keep the rating on the later line, drop the earlier one. */
        LAST,
        /**
         * Add up the values of all lines of the pair (implicit feedback only: plays, purchases); the
         * pair keeps the time of its last line.
         */
        SUM
    }

    /**
     * Checks the options.
     *
     * @param onDuplicate what to do with a second rating for the same (user, movie) pair
     * @param progress    receives one task per ratings file ({@link ProgressListener#NONE} for none)
     * @throws NullPointerException naming a null argument
     */
    public ReadOptions {
        Objects.requireNonNull(onDuplicate, "onDuplicate");
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * These options with another duplicate policy.
     *
     * @param policy the policy
     * @return new options
     */
    public ReadOptions withOnDuplicate(OnDuplicate policy) {
        return new ReadOptions(policy, progress);
    }

    /**
     * These options with another progress listener.
     *
     * @param listener the listener
     * @return new options
     */
    public ReadOptions withProgress(ProgressListener listener) {
        return new ReadOptions(onDuplicate, listener);
    }
}

package org.movierec.util;

/**
 * Receives progress of long loops (loading, epochs, evaluation folds). The CLI renders it as a
 * progress bar; library code and tests pass {@link #NONE}.
 */
public interface ProgressListener {
    /** A listener that ignores everything and never cancels; stateless and shared. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void done() {
        }
    };

    /**
     * A new task begins.
     *
     * @param task  what is being done, for display (for example "reading u.data")
     * @param total the number of steps (-1 when unknown)
     */
    void start(String task, long total);

    /**
     * The current task made progress.
     *
     * @param steps steps done since the last call (not a running total)
     */
    void advance(long steps);

    /** The current task has finished. */
    void done();

    /**
     * Free-form status, such as an epoch's validation loss. Ignored by default.
     *
     * @param text one line, no trailing newline
     */
    default void message(String text) {
    }

    /**
     * A structured epoch event from an iterative trainer, once per epoch (or sweep, or sample).
     * {@link org.movierec.model.Training#fit} collects these into the
     * {@code TrainingHistory} stored with the model.
     *
     * @param epoch      1-based epoch number
     * @param trainLoss  the epoch's training loss as the algorithm defines it (NaN when not computed)
     * @param validation validation metrics by name (for example {@code rmse}), possibly empty
     */
    default void epoch(int epoch, double trainLoss, java.util.Map<String, Double> validation) {
    }

    /**
     * True when the user asked to stop. Iterative trainers check it between epochs and then throw
     * {@link java.util.concurrent.CancellationException}; nothing half-trained is returned.
     *
     * @return true to stop; false by default
     */
    default boolean cancelled() {
        return false;
    }
}

package org.movierec.util;

/**
 * Receives progress of long loops (loading, epochs, evaluation folds). The CLI renders it as a
 * progress bar; library code and tests pass {@link #NONE}.
 */
public interface ProgressListener {
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

    /** A new task with the given number of steps (-1 when unknown). */
    void start(String task, long total);

    void advance(long steps);

    /** The current task has finished. */
    void done();

    /** Free-form status, such as an epoch's validation loss. */
    default void message(String text) {
    }
}

package org.movierec.model;

import org.movierec.data.Dataset;
import org.movierec.util.ProgressListener;

/**
 * Fits a model. Hyperparameters live in an immutable record given to the trainer's constructor;
 * {@code fit} is the only phase with mutable state and returns a new immutable model.
 *
 * @param <M> the model type
 */
public interface Trainer<M extends Model> {
    /**
     * The algorithm's name.
     *
     * @return the short name as used on the command line (e.g. {@code bias}, {@code svdpp})
     */
    String name();

    /**
     * The hyperparameters this trainer runs with.
     *
     * @return the config record (recorded in provenance)
     */
    Record config();

    /**
     * @param train      the training interactions (the dataset's full id space)
     * @param validation held-out interactions for early stopping or blending, or null
     * @param progress   receives epoch progress ({@link ProgressListener#NONE} for none)
     * @return a new immutable model; its provenance names the algorithm, config and seed ({@link Training#fit}
     *         adds the rest)
     * @throws IllegalArgumentException when the data does not suit the algorithm (for example no ratings)
     * @throws java.util.concurrent.CancellationException when {@code progress} asked to stop
     */
    M fit(Dataset train, Dataset validation, ProgressListener progress);
}

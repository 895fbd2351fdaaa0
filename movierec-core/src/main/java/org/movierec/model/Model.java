package org.movierec.model;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A trained model: immutable, carrying its {@link Provenance}, and able to write its parameters
 * for {@link ModelIO}. What a model can do is expressed by the capability interfaces it implements
 * ({@link RatingPredictor}, {@link ItemScorer}, {@link SimilarItems}, {@link FoldIn}).
 */
public interface Model {
    /**
     * How this model was made.
     *
     * @return algorithm, hyperparameters, seed, training data, split, time, validation metrics, history
     */
    Provenance provenance();

    /**
     * The same model with another provenance (used once training has been timed and validated).
     *
     * @param provenance the new provenance
     * @return a new model sharing this one's parameters (which are never modified)
     */
    Model withProvenance(Provenance provenance);

    /**
     * The key under which {@link AlgorithmRegistry} finds this model's reader.
     *
     * @return its algorithm's name; stable across versions
     */
    String type();

    /**
     * Writes the parameters (not the provenance, which {@link ModelIO} writes).
     *
     * @param out the model file's stream, positioned after the provenance
     * @throws IOException when writing fails
     */
    void writePayload(DataOutputStream out) throws IOException;
}

/**
 * Models, training and model files.
 *
 * <p>An algorithm is an {@link org.movierec.model.AlgorithmProvider} found by
 * {@link java.util.ServiceLoader}; {@link org.movierec.model.AlgorithmRegistry} creates its
 * {@link org.movierec.model.Trainer} by name with hyperparameter overrides
 * ({@code AlgorithmRegistry.create("biased-mf", Map.of("factors", "20"))}).
 * {@link org.movierec.model.Training#fit} runs a trainer and fills the model's
 * {@link org.movierec.model.Provenance}. A {@link org.movierec.model.Model} is immutable and
 * thread-safe; what it can do is the capability interfaces it implements
 * ({@link org.movierec.model.RatingPredictor}, {@link org.movierec.model.ItemScorer},
 * {@link org.movierec.model.SimilarItems}, {@link org.movierec.model.FoldIn}).
 * {@link org.movierec.model.ModelIO} saves a model with its training data (atomic, versioned,
 * CRC-checked) and loads it to identical scores. Users and items are the training dataset's dense indices.
 */
package org.movierec.model;

package org.movierec.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import org.movierec.data.Dataset;

/**
 * Everything movierec knows about one algorithm, in one place: its name (which is also the model
 * type key in model files), a one-line description, its default configuration, a trainer factory,
 * the reader of its model payload and what its models can do.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: a module adds an algorithm by
 * implementing this interface (usually as a nested {@code Provider} class of the algorithm) and
 * listing the class in {@code META-INF/services/org.movierec.model.AlgorithmProvider}. The CLI,
 * the evaluator, the server and model loading find it through {@link AlgorithmRegistry} without
 * naming it. Implementations need a public no-argument constructor and must be stateless.
 */
public interface AlgorithmProvider {
    /** What a trained model of this algorithm can do (the capability interfaces it implements). */
    enum Capability {
        /** {@link RatingPredictor}: predicts explicit ratings. */
        PREDICTS_RATINGS,
        /** {@link ItemScorer}: ranks every movie for a known user. */
        RANKS,
        /** {@link SimilarItems}: movies similar to a movie. */
        SIMILAR_ITEMS,
        /** {@link FoldIn}: scores for a new user from a few ratings, without retraining. */
        FOLD_IN,
        /** Needs explicit ratings to train (refuses implicit-only data). */
        NEEDS_RATINGS,
        /**
         * Its scores are a per-user constant plus an inner product of a user vector with an item
         * vector and an item offset, so an approximate nearest-neighbour index can find a user's top
         * movies ({@code --index hnsw}); the model exposes them as
         * {@code org.movierec.algo.FactorModel#innerProducts()}.
         */
        INNER_PRODUCT
    }

    /**
     * The command-line name, e.g. {@code biased-mf}; also the type key of the models this provider
     * reads. Lower case letters, digits and '-'. Once released, a name is never reused for another
     * model layout.
     *
     * @return the algorithm's name
     */
    String name();

    /**
     * A one-line description for {@code movierec algorithms}.
     *
     * @return the model and its paper, in a few words
     */
    String description();

    /**
     * The default hyperparameters.
     *
     * @return an immutable, validated config record; {@link Params#bind} overrides its components
     */
    Record defaultConfig();

    /**
     * A trainer for a configuration.
     *
     * @param config an instance of {@code defaultConfig().getClass()} (possibly with overridden components)
     * @return a new trainer; trainers are cheap and hold no fitted state
     * @throws IllegalArgumentException naming the algorithm and both types when {@code config} is null or of
     *                                  another record type ({@link SimpleProvider}'s behaviour)

     */
    Trainer<?> trainer(Record config);

    /**
     * Reads a model payload written by {@link Model#writePayload}.
     *
     * @param in         positioned at the payload (after the provenance)
     * @param provenance the provenance {@link ModelIO} read before the payload
     * @param train      the training catalogue saved with the model (users, movies and each user's rated
     *                   movies)
     * @return the model, equal in every score to the one written
     * @throws IOException when the stream ends early or the payload is inconsistent
     */
    Model read(DataInputStream in, Provenance provenance, Dataset train) throws IOException;

    /**
     * What this algorithm's models can do; checked against the model's interfaces by the registry's test.
     *
     * @return the capabilities (immutable)
     */
    Set<Capability> capabilities();
}

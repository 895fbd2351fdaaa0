package org.movierec.model;

import java.util.Map;
import java.util.TreeMap;
import org.movierec.util.Version;

/**
 * How a model was made: enough to reproduce it and to know what it was evaluated on.
 *
 * @param algorithm          algorithm name ({@link Trainer#name()})
 * @param hyperparameters    the trainer's config as name -> value text
 * @param seed               the random seed (0 for deterministic algorithms without randomness)
 * @param dataset            dataset name
 * @param datasetFingerprint {@link org.movierec.data.Dataset#fingerprint()} of the training data
 * @param split              split name and fold, or "all"
 * @param movierecVersion    version of the code that trained it
 * @param trainedAt          ISO-8601 instant training finished
 * @param trainingSeconds    wall-clock training time
 * @param validationMetrics  metrics on the validation data (may be empty)
 * @param history            the learning curve recorded by {@link Training#fit} (empty for closed-form
 *                           algorithms and for models saved before histories existed, whose JSON lacks it)
 */
public record Provenance(String algorithm, Map<String, String> hyperparameters, long seed, String dataset,
                         String datasetFingerprint, String split, String movierecVersion, String trainedAt,
                         double trainingSeconds, Map<String, Double> validationMetrics, TrainingHistory history) {
    /**
     * A provenance; the maps are copied into unmodifiable maps that iterate in key order.
     *
     * @param algorithm          algorithm name
     * @param hyperparameters    the trainer's config as name -> value text
     * @param seed               the random seed
     * @param dataset            dataset name
     * @param datasetFingerprint fingerprint of the training data
     * @param split              split name and fold, or "all"
     * @param movierecVersion    version of the code that trained it
     * @param trainedAt          ISO-8601 instant training finished
     * @param trainingSeconds    wall-clock training time in seconds
     * @param validationMetrics  metrics on the validation data (may be empty, not null)
     * @param history            the learning curve; null means none
     */
    public Provenance {
        // Sorted by name (Map.copyOf would iterate in an order that changes from one JVM to the next,
        // so printed summaries and saved JSON would too).
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        validationMetrics = java.util.Collections.unmodifiableMap(new TreeMap<>(validationMetrics));
        history = history == null ? TrainingHistory.EMPTY : history;
    }

    /**
     * A provenance without a training history (the components of format 1's provenance).
     *
     * @param algorithm          algorithm name
     * @param hyperparameters    the trainer's config as name -> value text
     * @param seed               the random seed
     * @param dataset            dataset name
     * @param datasetFingerprint fingerprint of the training data
     * @param split              split name and fold, or "all"
     * @param movierecVersion    version of the code that trained it
     * @param trainedAt          ISO-8601 instant training finished
     * @param trainingSeconds    wall-clock training time in seconds
     * @param validationMetrics  metrics on the validation data (may be empty, not null)
     */
    public Provenance(String algorithm, Map<String, String> hyperparameters, long seed, String dataset,
                      String datasetFingerprint, String split, String movierecVersion, String trainedAt,
                      double trainingSeconds, Map<String, Double> validationMetrics) {
        this(algorithm, hyperparameters, seed, dataset, datasetFingerprint, split, movierecVersion, trainedAt,
                trainingSeconds, validationMetrics, TrainingHistory.EMPTY);
    }

    /**
     * A provenance that only names the algorithm and its settings; {@link Training} fills the rest.
     *
     * @param algorithm the algorithm's name
     * @param config    its config record (flattened with {@link Params#toMap})
     * @param seed      the random seed, 0 for deterministic algorithms
     * @return a provenance with empty dataset, split and time, and this build's version
     */
    public static Provenance untrained(String algorithm, Record config, long seed) {
        return new Provenance(algorithm, Params.toMap(config), seed, "", "", "", Version.current(), "", 0,
                Map.of(), TrainingHistory.EMPTY);
    }

    /**
     * The same provenance with the facts of a training run (as {@link Training#fit} records them).
     *
     * @param dataset     the training data's name
     * @param fingerprint its {@link org.movierec.data.Dataset#fingerprint()}
     * @param split       split name and fold, or "all"
     * @param trainedAt   ISO-8601 instant training finished
     * @param seconds     wall-clock training time in seconds
     * @param validation  metrics on the validation data (may be empty)
     * @return a new provenance
     */
    public Provenance withTraining(String dataset, String fingerprint, String split, String trainedAt,
                                   double seconds, Map<String, Double> validation) {
        return new Provenance(algorithm, hyperparameters, seed, dataset, fingerprint, split, movierecVersion,
                trainedAt, seconds, validation, history);
    }

    /**
     * The same provenance with another training history.
     *
     * @param h the history, or null for none
     * @return a new provenance
     */
    public Provenance withHistory(TrainingHistory h) {
        return new Provenance(algorithm, hyperparameters, seed, dataset, datasetFingerprint, split, movierecVersion,
                trainedAt, trainingSeconds, validationMetrics, h);
    }
}

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
 */
public record Provenance(String algorithm, Map<String, String> hyperparameters, long seed, String dataset,
                         String datasetFingerprint, String split, String movierecVersion, String trainedAt,
                         double trainingSeconds, Map<String, Double> validationMetrics) {
    public Provenance {
        hyperparameters = Map.copyOf(new TreeMap<>(hyperparameters));
        validationMetrics = Map.copyOf(new TreeMap<>(validationMetrics));
    }

    /** A provenance that only names the algorithm and its settings; {@link Training} fills the rest. */
    public static Provenance untrained(String algorithm, Record config, long seed) {
        return new Provenance(algorithm, Params.toMap(config), seed, "", "", "", Version.current(), "", 0,
                Map.of());
    }

    public Provenance withTraining(String dataset, String fingerprint, String split, String trainedAt,
                                   double seconds, Map<String, Double> validation) {
        return new Provenance(algorithm, hyperparameters, seed, dataset, fingerprint, split, movierecVersion,
                trainedAt, seconds, validation);
    }
}

package org.movierec.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Params;

/**
 * A whole experiment in one YAML or JSON file: the dataset, the split, the algorithms each with its
 * config (and, for {@code tune}, the values to try), the metrics and the seed. Read with
 * {@link #load}; every key is checked ({@link Params}), so a typo is one error that names it.
 *
 * <pre>
 * dataset: ml-100k            # relative to the file's folder
 * split: u1..u5
 * seed: 42
 * metrics: [rmse, ndcg@10]
 * algorithms:
 *   - name: biased-mf
 *     params: {factors: 50}
 *     tune: {learningRate: [0.005, 0.01], regItem: [0.02, 0.05]}
 *   - name: blend
 *     params:
 *       models:
 *         - {algorithm: bias}
 *         - {algorithm: fm, params: {rank: 8}}
 * </pre>
 *
 * @param dataset    the dataset directory (relative to the file), or null to take it from {@code --data}
 * @param split      a split spec ({@code u1..u5}, {@code temporal-loo}, ...), or null for the command's default
 * @param algorithms the algorithms, in order
 * @param metrics    metric names ({@code rmse}, {@code ndcg@10}); the first one chooses in {@code tune}
 * @param seed       the seed of splits and trainers, or null for the command's default
 */
public record ExperimentConfig(String dataset, String split, List<AlgorithmConfig> algorithms, List<String> metrics,
                               Long seed) {
    /** Nothing set: every key of a file is optional. */
    public static final ExperimentConfig DEFAULTS = new ExperimentConfig(null, null, List.of(), List.of(), null);

    /**
     * One algorithm of an experiment.
     *
     * @param name   its name ({@code movierec algorithms})
     * @param params its overrides (nested keys become dotted: {@code tower.layers})
     * @param tune   for {@code tune}: key -> values to try
     */
    public record AlgorithmConfig(String name, Map<String, String> params, Map<String, List<String>> tune) {
        /**
         * Checks the algorithm and its overrides at once (so a bad file fails where it is read); the maps
         * are copied.
         *
         * @param name   its name, not blank
         * @param params its overrides; null means none
         * @param tune   for {@code tune}: key -> values to try; null means none
         * @throws IllegalArgumentException naming a blank or unknown name, or a bad key or value
         */
        public AlgorithmConfig {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an algorithm needs a name");
            }
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
            tune = tune == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tune));
            AlgorithmRegistry.create(name, params); // fail on an unknown name or key here, where the file is read
        }
    }

    /**
     * Checks the metric names; the lists are copied.
     *
     * @param dataset    the dataset directory (relative to the file), or null
     * @param split      a split spec, or null
     * @param algorithms the algorithms, in order; null means none
     * @param metrics    metric names; null means none
     * @param seed       the seed, or null
     * @throws IllegalArgumentException naming an unknown metric
     */
    public ExperimentConfig {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        for (String m : metrics) {
            MetricSpec.parse(m);
        }
    }

    /**
     * Reads and checks an experiment file.
     *
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
     * @return the config
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and the bad key, value or syntax
     */
    public static ExperimentConfig load(Path file) throws IOException {
        return Params.bind(DEFAULTS, Params.readTree(file), "config file " + file);
    }

    /**
     * The dataset directory resolved against the folder of the config file.
     *
     * @param file the config file this was read from
     * @return the directory (normalised), or null when none is set
     */
    public Path datasetPath(Path file) {
        if (dataset == null) {
            return null;
        }
        Path p = Path.of(dataset);
        Path dir = file.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    /**
     * The metrics, parsed.
     *
     * @return a new list, in file order
     */
    public List<MetricSpec> metricSpecs() {
        List<MetricSpec> out = new ArrayList<>();
        for (String m : metrics) {
            out.add(MetricSpec.parse(m));
        }
        return out;
    }
}

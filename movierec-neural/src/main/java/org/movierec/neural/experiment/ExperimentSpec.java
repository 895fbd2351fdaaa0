package org.movierec.neural.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One report's experiment, read from {@code experiments/report-00N.yaml}.
 *
 * @param report       the report's number, e.g. {@code "001"}
 * @param title        what the report built
 * @param split        the report's protocol ({@code u1}, {@code random:0.8}, {@code temporal-loo}, ...)
 * @param metrics      metrics to print, from {@link #METRICS}
 * @param reportValues the report's own numbers by metric
 * @param algorithm    our algorithm with the report's architecture (its defaults)
 * @param params       overrides of the algorithm's defaults for the report-architecture run
 * @param tune         optional grid: parameter -> values; every combination is trained and the one
 *                     with the best validation score (never test) is reported as "ours, tuned"
 * @param classic      classic algorithms to compare; the best on the first metric is printed
 * @param coldMovies   also run a cold-movie split (a seeded 10% of movies held out) beside the bias baseline
 * @param seed         split seed
 * @param note         free text printed under the table
 */
public record ExperimentSpec(String report, String title, String split, List<String> metrics,
                             Map<String, Double> reportValues, String algorithm, Map<String, String> params,
                             Map<String, List<String>> tune, List<String> classic, boolean coldMovies, long seed,
                             String note) {
    /** The metrics an experiment can print. */
    public static final Set<String> METRICS = Set.of("rmse", "mae", "mse", "mae_norm", "mape_norm");

    public ExperimentSpec {
        if (report == null || algorithm == null || split == null) {
            throw new IllegalArgumentException("an experiment needs report, split and algorithm");
        }
        metrics = metrics == null || metrics.isEmpty() ? List.of("rmse") : List.copyOf(metrics);
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                throw new IllegalArgumentException("unknown metric '" + m + "'; allowed: " + METRICS);
            }
        }
        reportValues = reportValues == null ? Map.of() : new LinkedHashMap<>(reportValues);
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
        tune = tune == null ? Map.of() : new LinkedHashMap<>(tune);
        classic = classic == null ? List.of() : List.copyOf(classic);
        title = title == null ? "" : title;
        note = note == null ? "" : note;
    }

    /** Reads a YAML (or JSON) experiment file; unknown keys fail with the allowed ones named. */
    public static ExperimentSpec read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such experiment file");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(file.toFile(), ExperimentSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "'; allowed: "
                    + e.getKnownPropertyIds(), e);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable c = e.getCause();
            throw new IllegalArgumentException(file + ": " + (c == null ? e.getOriginalMessage() : c.getMessage()), e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage(), e);
        }
    }
}

package org.movierec.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.Params;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.split.Fold;
import org.movierec.util.ProgressListener;

/**
 * Algorithms x folds: for every fold and algorithm, trains a fresh trainer from
 * {@link org.movierec.model.AlgorithmRegistry#create} through {@link Training#fit} (which passes the fold's validation part)
 * and evaluates the model with an {@link Evaluator}. The result is a {@link Report}. Algorithms whose
 * config has a {@code seed} get the experiment's seed unless their parameters set one.
 */
public final class Experiment {
    /**
     * An algorithm by its algorithm name with its parameter overrides.
     *
     * @param name   the algorithm's name
     * @param params hyperparameter key to value text
     */
    public record AlgorithmSpec(String name, Map<String, String> params) {
        /**
         * A spec; the parameters are copied, keeping their order.
         *
         * @param name   the algorithm's name, not null
         * @param params hyperparameter key to value text; null means none
         */
        public AlgorithmSpec {
            Objects.requireNonNull(name, "name");
            // In the order given (Map.copyOf would iterate in an order that changes between JVMs).
            params = params == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        }

        /**
         * An algorithm with its default hyperparameters.
         *
         * @param name the algorithm's name
         * @return the spec
         */
        public static AlgorithmSpec of(String name) {
            return new AlgorithmSpec(name, Map.of());
        }
    }

    private final List<AlgorithmSpec> algorithms;
    private final Evaluator evaluator;

    /**
     * An experiment; every algorithm is checked at once by creating its trainer.
     *
     * @param algorithms the algorithms, at least one, in report order
     * @param evaluator  scores every model
     * @throws IllegalArgumentException when the list is empty, names an unknown algorithm or has a bad parameter
     */
    public Experiment(List<AlgorithmSpec> algorithms, Evaluator evaluator) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one algorithm");
        }
        this.algorithms = List.copyOf(algorithms);
        this.evaluator = evaluator;
        for (AlgorithmSpec a : algorithms) {
            AlgorithmRegistry.create(a.name(), a.params()); // fail fast on unknown names and bad parameters
        }
    }

    /** Listener for results as they come, e.g. to print rows while later folds run. */
    @FunctionalInterface
    public interface RowListener {
        /**
         * One algorithm on one fold is done.
         *
         * @param row its metrics and times
         */
        void row(Report.Row row);
    }

    /**
     * Runs every algorithm on every fold (fold by fold).
     *
     * @param datasetName the dataset's name for the report
     * @param split       the split's specification for the report and the models' provenance
     * @param seed        recorded in the report, and the seed of every algorithm whose parameters set none
     * @param folds       the folds, run in order
     * @param progress    receives training and evaluation progress
     * @param listener    receives each row as it is done, or null
     * @return the report: one row per fold and algorithm, and the means
     */
    public Report run(String datasetName, String split, long seed, List<Fold> folds, ProgressListener progress,
                      RowListener listener) {
        List<Report.Row> rows = new ArrayList<>();
        List<Fold.Sizes> sizes = new ArrayList<>();
        for (Fold f : folds) {
            sizes.add(f.sizes());
        }
        if (!folds.isEmpty()) {
            for (AlgorithmSpec a : algorithms) { // before any training: refuse implicit data for rating algorithms
                AlgorithmRegistry.checkData(a.name(), folds.get(0).train());
            }
        }
        for (Fold f : folds) {
            for (AlgorithmSpec a : algorithms) {
                Trainer<?> trainer = AlgorithmRegistry.create(a.name(), withSeed(a, seed));
                progress.message(a.name() + " on " + f.name());
                Model model = Training.fit(trainer, f.train(), f.validation(), split + "/" + f.name(), progress);
                double trainSeconds = model.provenance().trainingSeconds();
                long t0 = System.nanoTime();
                Evaluator.Result r = evaluator.evaluate(model, f, progress);
                double evalSeconds = (System.nanoTime() - t0) / 1e9;
                Report.Row row = new Report.Row(a.name(), new LinkedHashMap<>(a.params()), f.name(), r, trainSeconds,
                        evalSeconds);
                rows.add(row);
                if (listener != null) {
                    listener.row(row);
                }
            }
        }
        return new Report(datasetName, split, seed, evaluator.config(), sizes, rows);
    }

    /**
     * The algorithm's overrides plus {@code seed=S} when its config has a {@code seed} component the
     * user did not set, so that one {@code --seed} makes the split and the models reproducible.
     */
    static Map<String, String> withSeed(AlgorithmSpec a, long seed) {
        if (a.params().containsKey("seed")
                || !Params.toMap(AlgorithmRegistry.create(a.name(), a.params()).config()).containsKey("seed")) {
            return a.params();
        }
        Map<String, String> p = new LinkedHashMap<>(a.params());
        p.put("seed", Long.toString(seed));
        return p;
    }

    /**
     * {@link #run(String, String, long, List, ProgressListener, RowListener)} without progress or listener.
     *
     * @param datasetName the dataset's name for the report
     * @param split       the split's specification for the report and the models' provenance
     * @param seed        recorded in the report, and the seed of every algorithm whose parameters set none
     * @param folds       the folds, run in order
     * @return the report
     */
    public Report run(String datasetName, String split, long seed, List<Fold> folds) {
        return run(datasetName, split, seed, folds, ProgressListener.NONE, null);
    }
}

package org.movierec.neural.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.eval.Evaluator;
import org.movierec.eval.RatingErrors;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.TrainingHistory;
import org.movierec.neural.ColdMovieSplit;
import org.movierec.neural.NeuralModel;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;

/**
 * Runs one report's experiment: our model with the report's architecture, optionally a validation
 * sweep ("tuned"), and the classic models, all on the report's split and metrics, and prints them
 * beside the report's own numbers. Tuning picks on validation only; test is touched once per model.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /** One line of the result table. */
    public record Row(String label, String model, Map<String, Double> values) {
    }

    /** The result of an experiment. */
    public record Result(ExperimentSpec spec, String fold, List<Row> rows) {
        public Row row(String labelPrefix) {
            return rows.stream().filter(r -> r.label().startsWith(labelPrefix)).findFirst().orElse(null);
        }
    }

    public static Result run(ExperimentSpec spec, Path dataDir, ProgressListener progress) throws Exception {
        return run(spec, dataDir, DatasetReader.read(dataDir), progress);
    }

    /**
     * Runs an experiment on a dataset already read (with credits joined, say).
     *
     * @param dataDir where {@code data} came from (ML-100k's predefined splits read their files there)
     */
    public static Result run(ExperimentSpec spec, Path dataDir, Dataset data, ProgressListener progress)
            throws Exception {
        Fold fold = Splits.parse(spec.split(), dataDir, spec.seed()).folds(data).get(0);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> published = new LinkedHashMap<>();
        for (String m : spec.metrics()) {
            published.put(m, spec.reportValues().getOrDefault(m, Double.NaN));
        }
        rows.add(new Row("report " + spec.report() + " (published)", "", published));
        progress.message("training " + spec.algorithm() + " with the report's architecture on " + fold.name());
        Model ours = create(spec.algorithm(), spec.params()).fit(fold.train(), fold.validation(), progress);
        rows.add(new Row("ours, report architecture", spec.algorithm(), metrics(ours, fold, spec)));
        if (!spec.tune().isEmpty()) {
            Map<String, String> best = null;
            double bestVal = Double.POSITIVE_INFINITY;
            for (Map<String, String> cand : grid(spec.tune())) {
                Map<String, String> p = new LinkedHashMap<>(spec.params());
                p.putAll(cand);
                Model m = create(spec.algorithm(), p).fit(fold.train(), fold.validation(), progress);
                double v = validationScore(m);
                progress.message("tune " + cand + ": validation " + String.format(Locale.ROOT, "%.4f", v));
                if (v < bestVal) {
                    bestVal = v;
                    best = p;
                }
            }
            Model tuned = create(spec.algorithm(), best).fit(fold.train(), fold.validation(), progress);
            rows.add(new Row("ours, tuned on validation", spec.algorithm() + " " + best, metrics(tuned, fold, spec)));
        }
        Row bestClassic = null;
        String first = spec.metrics().get(0);
        for (String c : spec.classic()) {
            progress.message("training classic " + c);
            Model m = create(c, Map.of()).fit(fold.train(), fold.validation(), progress);
            Row r = new Row("best classic", c, metrics(m, fold, spec));
            if (bestClassic == null || r.values().get(first) < bestClassic.values().get(first)) {
                bestClassic = r;
            }
        }
        if (bestClassic != null) {
            rows.add(bestClassic);
        }
        if (spec.coldMovies()) {
            Fold cold = new ColdMovieSplit(0.1, spec.seed()).folds(data).get(0);
            Model m = create(spec.algorithm(), spec.params()).fit(cold.train(), null, progress);
            rows.add(new Row("cold movies (10% held out): ours", spec.algorithm(), metrics(m, cold, spec)));
            Model b = new BiasBaseline().fit(cold.train(), null, progress);
            rows.add(new Row("cold movies (10% held out): bias", "bias", metrics(b, cold, spec)));
        }
        return new Result(spec, fold.name(), rows);
    }

    /** The best epoch's validation RMSE (MAE when the model was trained on MAE). */
    static double validationScore(Model m) {
        if (m instanceof NeuralModel<?> nm && nm.bestEpoch() > 0) {
            TrainingHistory.Epoch e = nm.history().epochs().get(nm.bestEpoch() - 1);
            String loss = org.movierec.model.Params.toMap(nm.config()).getOrDefault("loss", "MSE");
            return e.validation().get(loss.equals("MAE") ? "mae" : "rmse");
        }
        throw new IllegalArgumentException("tuning needs a neural model with a validation history");
    }

    static List<Map<String, String>> grid(Map<String, List<String>> tune) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : tune.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    static Map<String, Double> metrics(Model m, Fold fold, ExperimentSpec spec) {
        RatingErrors.Result r = Evaluator.ratingErrors((RatingPredictor) m, fold.test().interactions(),
                fold.test().ratingScale(), true);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : spec.metrics()) {
            out.put(k, switch (k) {
                case "rmse" -> r.rmse();
                case "mae" -> r.mae();
                case "mse" -> r.rmse() * r.rmse();
                case "mae_norm" -> r.maeNorm();
                case "mape_norm" -> r.mapeNorm();
                default -> throw new IllegalArgumentException("unknown metric " + k);
            });
        }
        return out;
    }

    /** A trainer by name, from the provider registry (classic and neural alike). */
    static Trainer<?> create(String name, Map<String, String> params) {
        return AlgorithmRegistry.create(name, params);
    }

    /** The table: one row per line, one column per metric. */
    public static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        ExperimentSpec s = r.spec();
        sb.append("Report ").append(s.report()).append(": ").append(s.title()).append('\n');
        sb.append("split ").append(s.split()).append(" (fold ").append(r.fold()).append(")\n\n");
        int w = 34;
        int mw = 5; // wide enough for every model's whole name and chosen parameters: nothing is cut
        for (Row row : r.rows()) {
            mw = Math.max(mw, row.model().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %-" + mw + "s", "", "model"));
        for (String m : s.metrics()) {
            sb.append(String.format(Locale.ROOT, " %10s", m));
        }
        sb.append('\n');
        for (Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %-" + mw + "s", row.label(), row.model()));
            for (String m : s.metrics()) {
                Double v = row.values().get(m);
                sb.append(v == null || v.isNaN() ? String.format(Locale.ROOT, " %10s", "-")
                        : String.format(Locale.ROOT, " %10.4f", v));
            }
            sb.append('\n');
        }
        if (!s.note().isBlank()) {
            sb.append('\n').append(s.note().strip()).append('\n');
        }
        return sb.toString();
    }
}

package org.movierec.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.movierec.model.TrainingHistory;
import org.movierec.report.Charts.Bars;
import org.movierec.report.Charts.Line;
import org.movierec.report.ExperimentData.Curve;
import org.movierec.report.ExperimentData.Example;
import org.movierec.report.ExperimentData.Matrix;
import org.movierec.report.ExperimentData.Reference;
import org.movierec.report.ExperimentData.Row;

/**
 * {@code movierec report experiment} and {@code evaluate --report}: leaderboard, a bar chart per
 * metric with the spread over folds as error bars, learning curves, learning-rate sweeps, the
 * feature-importance heat map, the reproduction table and top-N examples.
 *
 * <p>Mean and spread over folds: the mean and the sample standard deviation ({@code n - 1}), as in
 * {@link org.movierec.eval.Report}; 0 for a single fold.
 */
public final class ExperimentReport {
    public static final List<String> SECTION_IDS = List.of("setup", "leaderboard", "metrics", "learning-curves",
            "lr-sweep", "importance", "reproduction", "examples");
    /** Parameter names taken as a learning rate when rows differ in them. */
    static final Set<String> LEARNING_RATE_KEYS = Set.of("learningrate", "learning_rate", "lr", "learnrate", "eta");

    /** Mean, sample std and count of one metric over one label's folds. */
    record Stat(double mean, double std, int n, double min, double max) {
        static Stat of(List<Double> v) {
            int n = v.size();
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                s += x;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double mean = s / n;
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Stat(mean, n < 2 ? 0 : Math.sqrt(ss / (n - 1)), n, lo, hi);
        }

        String text(boolean spread) {
            return spread && n > 1 ? Fmt.metric(mean) + " ± " + Fmt.metric(std) : Fmt.metric(mean);
        }
    }

    private final ExperimentData d;
    /** label -> metric -> stat, labels in first-seen order. */
    private final Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
    private final Map<String, String> algorithmOfLabel = new LinkedHashMap<>();
    private final List<String> metrics;
    private int chartNo;

    ExperimentReport(ExperimentData d) {
        this.d = d;
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Row r : d.rows) {
            algorithmOfLabel.putIfAbsent(r.label(), r.algorithm());
            Map<String, List<Double>> m = values.computeIfAbsent(r.label(), k -> new LinkedHashMap<>());
            for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                names.add(e.getKey());
                m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            if (!Double.isNaN(r.trainSeconds())) {
                m.computeIfAbsent("train_seconds", k -> new ArrayList<>()).add(r.trainSeconds());
            }
        }
        for (Map.Entry<String, Map<String, List<Double>>> e : values.entrySet()) {
            Map<String, Stat> s = new LinkedHashMap<>();
            e.getValue().forEach((k, v) -> s.put(k, Stat.of(v)));
            stats.put(e.getKey(), s);
        }
        metrics = new ArrayList<>(names);
    }

    /** The whole page. */
    public static String html(ExperimentData d, String generatedBy) {
        ExperimentReport r = new ExperimentReport(d);
        String sub = (d.dataset.isEmpty() ? "" : d.dataset + ", ") + (d.split.isEmpty() ? "" : "split " + d.split + ", ")
                + r.stats.size() + " algorithm configurations, " + d.rows.size() + " runs";
        return Html.page("Experiment report" + (d.dataset.isEmpty() ? "" : ": " + d.dataset), sub, r.sections(),
                generatedBy);
    }

    List<Section> sections() {
        List<Section> s = new ArrayList<>();
        s.add(setup());
        s.add(leaderboard());
        s.add(metricCharts());
        s.add(learningCurves());
        s.add(sweeps());
        s.add(importance());
        s.add(reproduction());
        s.add(examples());
        return s;
    }

    static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.startsWith("rmse") || m.startsWith("mae") || m.startsWith("mape") || m.startsWith("mse")
                || m.startsWith("arp") || m.contains("loss") || m.endsWith("seconds");
    }

    private Section setup() {
        Set<String> folds = new LinkedHashSet<>();
        d.rows.forEach(r -> folds.add(r.fold()));
        Table.Builder t = Table.builder("What was run", "what", "value").textColumns(2);
        t.row("dataset", d.dataset.isEmpty() ? "-" : d.dataset);
        t.row("split", d.split.isEmpty() ? "-" : d.split);
        t.row("folds", String.join(", ", folds));
        t.row("algorithm configurations", String.join(", ", stats.keySet()));
        t.row("metrics", String.join(", ", metrics));
        return Section.of("setup", "Setup", "Values are the mean over folds ± the sample standard deviation "
                + "across folds (a spread, not a confidence interval).", List.of(), List.of(t.build()));
    }

    private Section leaderboard() {
        if (d.rows.isEmpty()) {
            return Section.leftOut("leaderboard", "Leaderboard", "the results have no rows");
        }
        List<String> rating = new ArrayList<>();
        List<String> ranking = new ArrayList<>();
        List<String> accuracy = new ArrayList<>();
        for (String m : metrics) {
            (m.startsWith("topk_accuracy") ? accuracy : m.contains("@") ? ranking : rating).add(m);
        }
        List<Table> tables = new ArrayList<>();
        if (!rating.isEmpty()) {
            tables.add(board("Rating metrics (lower is better)", rating, true));
        }
        if (!ranking.isEmpty()) {
            tables.add(board("Ranking metrics (higher is better)", ranking, false));
        }
        if (!accuracy.isEmpty()) {
            tables.add(board("Factorized top-K accuracy (higher is better)", accuracy, false));
        }
        return Section.of("leaderboard", "Leaderboard", "Algorithms x metrics; '-' where a model lacks the "
                + "capability (a ranker has no RMSE).", List.of(), tables);
    }

    private Table board(String caption, List<String> names, boolean withTime) {
        List<String> headers = new ArrayList<>();
        headers.add("algorithm");
        headers.add("folds");
        headers.addAll(names);
        if (withTime) {
            headers.add("train s");
        }
        Table.Builder t = Table.builder(caption, headers.toArray(String[]::new));
        for (Map.Entry<String, Map<String, Stat>> e : stats.entrySet()) {
            boolean any = names.stream().anyMatch(e.getValue()::containsKey);
            if (!any) {
                continue;
            }
            List<Object> row = new ArrayList<>();
            row.add(e.getKey());
            row.add(folds(e.getKey()));
            for (String m : names) {
                Stat s = e.getValue().get(m);
                row.add(s == null ? "-" : s.text(true));
            }
            if (withTime) {
                Stat s = e.getValue().get("train_seconds");
                row.add(s == null ? "-" : Fmt.dec(s.mean(), 2));
            }
            t.row(row.toArray());
        }
        return t.build();
    }

    private int folds(String label) {
        return (int) d.rows.stream().filter(r -> r.label().equals(label)).count();
    }

    private Section metricCharts() {
        List<Chart> charts = new ArrayList<>();
        for (String m : metrics) {
            List<String> cats = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> stds = new ArrayList<>();
            Table.Builder t = Table.builder(m + " per algorithm", "algorithm", "folds", "mean", "std", "min", "max");
            for (Map.Entry<String, Map<String, Stat>> e : stats.entrySet()) {
                Stat s = e.getValue().get(m);
                if (s == null) {
                    continue;
                }
                cats.add(e.getKey());
                means.add(s.mean());
                stds.add(s.std());
                t.row(e.getKey(), s.n(), Fmt.metric(s.mean()), Fmt.metric(s.std()), Fmt.metric(s.min()),
                        Fmt.metric(s.max()));
            }
            if (cats.isEmpty()) {
                continue;
            }
            boolean rotate = cats.size() > 6 || cats.stream().anyMatch(c -> c.length() > 14);
            String better = lowerIsBetter(m) ? "lower is better" : "higher is better";
            charts.add(Charts.bar("chart-metric-" + (++chartNo), m + " (" + better + ")", "algorithm",
                    m + " (" + unit(m) + "; mean over folds, bars: ± 1 std)", cats,
                    List.of(new Bars(m, unbox(means), unbox(stds))), rotate, t.build()));
        }
        if (charts.isEmpty()) {
            return Section.leftOut("metrics", "Metrics", "the results have no metrics");
        }
        return Section.of("metrics", "Metrics, one chart each", "Each bar is an algorithm's mean over the folds; the "
                + "error bar spans one sample standard deviation across folds.", charts, List.of());
    }

    /**
     * The unit of a metric as movierec computes it (docs/EVALUATION.md): errors in stars, novelty in
     * bits of self-information, average recommended popularity in training ratings per movie, times
     * in seconds, every other metric (precision, recall, NDCG, MAP, MRR, hit rate, coverage,
     * diversity) a fraction.
     */
    static String unit(String m) {
        String x = m.toLowerCase(Locale.ROOT);
        if (x.startsWith("mape")) {
            return "%";
        }
        if (x.endsWith("_norm")) {
            return "on the [0.5, 1] scale";
        }
        if (x.startsWith("rmse") || x.startsWith("mae")) {
            return "stars";
        }
        if (x.startsWith("mse")) {
            return "stars²";
        }
        if (x.startsWith("novelty")) {
            return "bits";
        }
        if (x.startsWith("arp")) {
            return "training ratings per movie";
        }
        if (x.endsWith("_seconds")) {
            return "seconds";
        }
        return "fraction, 0 to 1";
    }

    private Section learningCurves() {
        List<Chart> charts = new ArrayList<>();
        for (Curve c : d.curves) {
            TrainingHistory h = c.history();
            if (h.isEmpty()) {
                continue;
            }
            int n = h.epochs().size();
            double[] x = new double[n];
            double[] loss = new double[n];
            boolean anyLoss = false;
            Set<String> val = new LinkedHashSet<>();
            for (int j = 0; j < n; j++) {
                TrainingHistory.Epoch e = h.epochs().get(j);
                x[j] = e.epoch();
                loss[j] = e.trainLoss();
                anyLoss |= !Double.isNaN(e.trainLoss());
                val.addAll(e.validation().keySet());
            }
            List<Line> lines = new ArrayList<>();
            List<String> headers = new ArrayList<>(List.of("epoch", "train loss"));
            if (anyLoss) {
                lines.add(new Line("train loss", x, fill(loss)));
            }
            Map<String, double[]> vs = new LinkedHashMap<>();
            for (String k : val) {
                double[] y = new double[n];
                for (int j = 0; j < n; j++) {
                    y[j] = h.epochs().get(j).validation().getOrDefault(k, Double.NaN);
                }
                vs.put(k, y);
                lines.add(new Line("validation " + k, x, fill(y)));
                headers.add("validation " + k);
            }
            if (lines.isEmpty()) {
                continue;
            }
            Table.Builder t = Table.builder("Per epoch: " + c.label(), headers.toArray(String[]::new));
            for (int j = 0; j < n; j++) {
                List<Object> row = new ArrayList<>();
                row.add(h.epochs().get(j).epoch());
                row.add(Fmt.metric(loss[j]));
                for (double[] y : vs.values()) {
                    row.add(Fmt.metric(y[j]));
                }
                t.row(row.toArray());
            }
            charts.add(Charts.lines("chart-curve-" + (++chartNo), "Learning curve: " + c.label(), "epoch",
                    curveAxis(anyLoss, val), lines, false, false, n <= 60, t.build()));
        }
        if (charts.isEmpty()) {
            return Section.leftOut("learning-curves", "Learning curves", "no training histories: the results carry "
                    + "none and no model file with a stored history was given (closed-form models such as EASE have "
                    + "none)");
        }
        return Section.of("learning-curves", "Learning curves", "Training loss (as each algorithm defines it) and "
                + "validation metrics after every epoch.", charts, List.of());
    }

    /**
     * The y-axis title of a learning curve with the unit of each line: the training loss is each
     * algorithm's own objective (its unit depends on the algorithm), the validation metrics are
     * grouped by {@link #unit}, e.g. {@code train loss (the algorithm's objective); validation rmse,
     * mae (stars)}.
     */
    static String curveAxis(boolean loss, Set<String> validation) {
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (String k : validation) {
            byUnit.computeIfAbsent(unit(k), u -> new ArrayList<>()).add(k);
        }
        List<String> parts = new ArrayList<>();
        if (loss) {
            parts.add("train loss (the algorithm's objective)");
        }
        List<String> groups = new ArrayList<>();
        byUnit.forEach((u, keys) -> groups.add(String.join(", ", keys) + " (" + u + ")"));
        if (!groups.isEmpty()) {
            parts.add("validation " + String.join(", ", groups));
        }
        return String.join("; ", parts);
    }

    /** Gaps (NaN) are drawn at the previous value so that a line stays continuous; the table shows '-'. */
    private static double[] fill(double[] y) {
        double[] out = y.clone();
        double last = Double.NaN;
        for (int j = 0; j < out.length; j++) {
            if (Double.isNaN(out[j])) {
                out[j] = last;
            } else {
                last = out[j];
            }
        }
        double first = Double.NaN;
        for (double v : out) {
            if (!Double.isNaN(v)) {
                first = v;
                break;
            }
        }
        for (int j = 0; j < out.length && Double.isNaN(out[j]); j++) {
            out[j] = first;
        }
        return out;
    }

    /**
     * Learning-rate sweeps: rows of one algorithm that differ only in a learning-rate parameter, at two or
     * more rates. One chart per metric, one line per (algorithm, other parameters), log-scaled rate axis.
     */
    private Section sweeps() {
        // group key: algorithm + other params; value: rate -> metric -> values
        Map<String, TreeMap<Double, Map<String, List<Double>>>> groups = new LinkedHashMap<>();
        for (Row r : d.rows) {
            String rateKey = null;
            for (String k : r.params().keySet()) {
                if (LEARNING_RATE_KEYS.contains(k.toLowerCase(Locale.ROOT))) {
                    rateKey = k;
                }
            }
            if (rateKey == null) {
                continue;
            }
            double rate;
            try {
                rate = Double.parseDouble(r.params().get(rateKey));
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> rest = new TreeMap<>(r.params());
            rest.remove(rateKey);
            String key = r.algorithm() + (rest.isEmpty() ? "" : " " + rest) + " [" + rateKey + "]";
            Map<String, List<Double>> at = groups.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(rate, k -> new LinkedHashMap<>());
            r.metrics().forEach((m, v) -> at.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
        }
        groups.values().removeIf(g -> g.size() < 2 || g.firstKey() <= 0);
        if (groups.isEmpty()) {
            return Section.leftOut("lr-sweep", "Learning-rate sweeps", "no algorithm was run at two or more learning "
                    + "rates (rows that differ only in a learningRate, lr or eta parameter)");
        }
        List<Chart> charts = new ArrayList<>();
        for (String m : metrics) {
            List<Line> lines = new ArrayList<>();
            Table.Builder t = Table.builder(m + " by learning rate", "algorithm", "learning rate", "folds", "mean", "std")
                    .textColumns(1);
            for (Map.Entry<String, TreeMap<Double, Map<String, List<Double>>>> g : groups.entrySet()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (Map.Entry<Double, Map<String, List<Double>>> at : g.getValue().entrySet()) {
                    List<Double> v = at.getValue().get(m);
                    if (v == null) {
                        continue;
                    }
                    Stat s = Stat.of(v);
                    xs.add(at.getKey());
                    ys.add(s.mean());
                    t.row(g.getKey(), at.getKey(), s.n(), Fmt.metric(s.mean()), Fmt.metric(s.std()));
                }
                if (xs.size() >= 2) {
                    lines.add(new Line(g.getKey(), unbox(xs), unbox(ys)));
                }
            }
            if (!lines.isEmpty()) {
                charts.add(Charts.lines("chart-sweep-" + (++chartNo), m + " by learning rate ("
                        + (lowerIsBetter(m) ? "lower" : "higher") + " is better)", "learning rate (log scale)",
                        m + " (" + unit(m) + ", mean over folds)", lines, true, false, true, t.build()));
            }
        }
        return Section.of("lr-sweep", "Learning-rate sweeps", "The same algorithm and settings at several learning "
                + "rates. Choose a rate on validation results, not on the test folds shown here.", charts, List.of());
    }

    private Section importance() {
        Matrix m = d.importance;
        if (m == null) {
            return Section.leftOut("importance", "Feature importance (DCN cross layer)", "no importance matrix given "
                    + "(movierec report experiment --importance FILE.json; the dcn model writes one)");
        }
        List<String> headers = new ArrayList<>();
        headers.add("feature");
        headers.addAll(m.columns());
        Table.Builder t = Table.builder(m.title(), headers.toArray(String[]::new));
        for (int r = 0; r < m.rows().size(); r++) {
            List<Object> row = new ArrayList<>();
            row.add(m.rows().get(r));
            for (double v : m.values()[r]) {
                row.add(Fmt.dec(v, 3));
            }
            t.row(row.toArray());
        }
        Chart c = Charts.heatmap("chart-importance", m.title(), "feature (column)", "feature (row)", m.columns(),
                m.rows(), m.values(), t.build());
        return Section.of("importance", "Feature importance (DCN cross layer)", "The matrix as the model wrote it: "
                + "for DCN, how strongly the cross layer combines each pair of features (as the TFRS DCN tutorial "
                + "draws it); darker is stronger, the numbers are in the table.", List.of(c), List.of());
    }

    private Section reproduction() {
        if (d.references.isEmpty()) {
            return Section.leftOut("reproduction", "Reproduction", "no published numbers given");
        }
        Table.Builder t = Table.builder("The reports' numbers beside ours", "source", "dataset, protocol", "metric",
                "published", "ours (same algorithm)", "ours minus published", "our best on this metric")
                .textColumns(3);
        for (Reference ref : d.references) {
            String metric = ref.metric();
            boolean squared = metric.equals("mse") && !metrics.contains("mse");
            boolean sameData = sameDataset(ref.dataset(), d.dataset);
            String ours = "not in these results";
            String diff = "-";
            for (Map.Entry<String, Map<String, Stat>> e : stats.entrySet()) {
                if (!algorithmOfLabel.get(e.getKey()).equals(ref.algorithm())) {
                    continue;
                }
                Stat s = e.getValue().get(squared ? "rmse" : metric);
                if (s == null) {
                    continue;
                }
                double v = squared ? s.mean() * s.mean() : s.mean();
                ours = e.getKey() + ": " + Fmt.metric(v) + (squared ? " (rmse²)" : s.n() > 1 ? " ± "
                        + Fmt.metric(s.std()) : "") + (sameData ? "" : " (on " + d.dataset + ")");
                diff = sameData ? String.format(Locale.ROOT, "%+.4f", v - ref.value())
                        : "- (published on " + ref.dataset() + ")";
                break;
            }
            String best = "-";
            double bestV = Double.NaN;
            for (Map.Entry<String, Map<String, Stat>> e : stats.entrySet()) {
                Stat s = e.getValue().get(squared ? "rmse" : metric);
                if (s == null) {
                    continue;
                }
                double v = squared ? s.mean() * s.mean() : s.mean();
                if (Double.isNaN(bestV) || (lowerIsBetter(metric) ? v < bestV : v > bestV)) {
                    bestV = v;
                    best = e.getKey() + ": " + Fmt.metric(v);
                }
            }
            t.row(ref.source(), ref.dataset() + (ref.protocol().isEmpty() ? "" : ", " + ref.protocol()), metric,
                    Fmt.metric(ref.value()), ours, diff, best);
        }
        return Section.of("reproduction", "Reproduction: published numbers beside ours", "Ours come from these "
                + "results (" + (d.dataset.isEmpty() ? "dataset unnamed" : d.dataset) + (d.split.isEmpty() ? "" : ", split "
                + d.split) + "); a comparison holds only where dataset and protocol match the published one. "
                + "Negative differences are better for error metrics.", List.of(), List.of(t.build()));
    }

    /**
     * Whether results on {@code ours} (one dataset name, or several joined by ", ") can be set beside a
     * number published on {@code published}: the names match ignoring case and a fold suffix such as
     * {@code /u1/train}; an unnamed side matches anything.
     */
    static boolean sameDataset(String published, String ours) {
        if (published == null || published.isBlank() || ours == null || ours.isBlank()) {
            return true;
        }
        String p = baseName(published);
        for (String o : ours.split(",")) {
            if (baseName(o).equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static String baseName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(0, slash);
    }

    private Section examples() {
        if (d.examples.isEmpty()) {
            return Section.leftOut("examples", "Top-N examples", "no model files given (movierec report experiment "
                    + "RESULTS.json MODEL.bin ...); models that only predict ratings are ranked by predicted rating");
        }
        List<Table> tables = new ArrayList<>();
        for (Example e : d.examples) {
            Table.Builder t = Table.builder(e.model() + ", user " + e.userId() + " (liked: "
                    + String.join("; ", e.liked()) + ")", "rank", "movie", "score").textColumns(2);
            for (int j = 0; j < e.titles().size(); j++) {
                t.row(j + 1, e.titles().get(j), Fmt.metric(e.scores().get(j)));
            }
            tables.add(t.build());
        }
        return Section.of("examples", "Top-N examples", "What the models recommend to a few users of their training "
                + "data, movies the user already rated excluded.", List.of(), tables);
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = v.get(j);
        }
        return out;
    }
}

package org.movierec.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.movierec.split.Fold;

/**
 * The result of an {@link Experiment}: one {@link Row} per (algorithm, fold) and, per algorithm, the
 * mean and standard deviation of every metric over its folds. The standard deviation is the sample
 * one ({@code n - 1} in the denominator), 0 for a single fold; it describes the spread across folds,
 * not a confidence interval.
 *
 * <p>A report is data only; {@link org.movierec.eval.report.ReportRenderer}s turn it into text
 * (a plain table, JSON, Markdown, and more from other modules).
 *
 * @param dataset the dataset's name
 * @param split   the split's specification
 * @param seed    the seed given to the split and trainers
 * @param config  the evaluator's settings
 * @param folds   the sizes of each fold's parts
 * @param rows    one row per algorithm and fold, in run order
 */
public record Report(String dataset, String split, long seed, Evaluator.Config config, List<Fold.Sizes> folds,
                     List<Row> rows) {
    /**
     * A report; the lists are copied.
     *
     * @param dataset the dataset's name
     * @param split   the split's specification
     * @param seed    the seed given to the split and trainers
     * @param config  the evaluator's settings
     * @param folds   the sizes of each fold's parts
     * @param rows    one row per algorithm and fold, in run order
     */
    public Report {
        folds = List.copyOf(folds);
        rows = List.copyOf(rows);
    }

    /**
     * @param algorithm    algorithm name as given on the command line
     * @param params       the algorithm's parameter overrides
     * @param fold         the fold's name
     * @param result       the metrics and counts
     * @param trainSeconds wall-clock time of {@code Trainer.fit}
     * @param evalSeconds  wall-clock time of the evaluation
     */
    public record Row(String algorithm, Map<String, String> params, String fold, Evaluator.Result result,
                      double trainSeconds, double evalSeconds) {
        /**
         * A row; the parameters are copied.
         *
         * @param algorithm    algorithm name
         * @param params       the algorithm's parameter overrides
         * @param fold         the fold's name
         * @param result       the metrics and counts
         * @param trainSeconds wall-clock time of {@code Trainer.fit}, seconds
         * @param evalSeconds  wall-clock time of the evaluation, seconds
         */
        public Row {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * Mean and sample standard deviation of each metric (and of the times) over one algorithm's folds.
     *
     * @param algorithm the algorithm's name
     * @param folds     the number of folds summarised, at least 1
     * @param mean      metric name (and {@code train_seconds}, {@code eval_seconds}) to its mean over the folds
     * @param std       the same names to their sample standard deviation (0 for a single fold)
     */
    public record Summary(String algorithm, int folds, Map<String, Double> mean, Map<String, Double> std) {
    }

    /**
     * A paired comparison of {@code algorithm} with {@code reference} on one per-user metric: the pairs
     * are (fold, user) with a value for both on the same fold, pooled over all folds (a user in several
     * folds' test parts contributes one pair per fold, which the tests treat as independent).
     *
     * @param reference the algorithm compared against (the report's first)
     * @param algorithm the other algorithm
     * @param metric    the per-user metric
     * @param pairs     number of (fold, user) pairs
     * @param meanDiff  mean of {@code algorithm - reference} over the pairs
     * @param tP        two-sided p-value of the paired t-test
     * @param wilcoxonP two-sided p-value of the Wilcoxon signed-rank test
     * @param exact     whether the Wilcoxon p-value is exact (else the normal approximation)
     */
    public record Comparison(String reference, String algorithm, String metric, int pairs, double meanDiff, double tP,
                             double wilcoxonP, boolean exact) {
    }

    /** One line for renderers: what the p-values of {@link #comparisons()} are. */
    public static final String COMPARISON_NOTE = "p-values: paired t-test and Wilcoxon signed-rank test (two-sided), "
            + "each algorithm against the first, over per-user values paired by (fold, user) and pooled over folds; "
            + "mean_diff = algorithm - first";

    /**
     * Every other algorithm against the first ({@link #algorithms()}'s first), on every per-user
     * metric both have ({@link Evaluator.Result#perUser()}), in the first algorithm's metric order.
     * Empty when the report has one algorithm or no per-user values.
     *
     * @return a new list, one comparison per other algorithm and metric with at least one (fold, user)
     *         pair, grouped by algorithm in report order
     */
    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        List<String> algos = algorithms();
        if (algos.size() < 2) {
            return out;
        }
        String ref = algos.get(0);
        List<Row> refRows = rowsOf(ref);
        for (String a : algos.subList(1, algos.size())) {
            List<Row> mine = rowsOf(a);
            Set<String> names = new LinkedHashSet<>();
            for (Row r : refRows) {
                names.addAll(r.result().perUser().names());
            }
            Set<String> theirs = new LinkedHashSet<>();
            for (Row r : mine) {
                theirs.addAll(r.result().perUser().names());
            }
            names.retainAll(theirs);
            for (String m : names) {
                Comparison c = compare(ref, refRows, a, mine, m);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private List<Row> rowsOf(String algorithm) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.algorithm().equals(algorithm)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The comparison of one metric, or null when no (fold, user) pair has both values. */
    static Comparison compare(String ref, List<Row> refRows, String algorithm, List<Row> rows, String metric) {
        int cap = 0;
        for (Row r : refRows) {
            cap += r.result().perUser().size();
        }
        double[] a = new double[cap];
        double[] b = new double[cap];
        int n = 0;
        for (Row r : refRows) {
            Row other = null;
            for (Row o : rows) {
                if (o.fold().equals(r.fold())) {
                    other = o;
                    break;
                }
            }
            if (other == null) {
                continue;
            }
            Evaluator.PerUser pa = r.result().perUser();
            Evaluator.PerUser pb = other.result().perUser();
            for (int row = 0; row < pa.size(); row++) {
                int rb = pb.rowOf(pa.user(row));
                if (rb < 0) {
                    continue;
                }
                double x = pa.value(metric, row);
                double y = pb.value(metric, rb);
                if (!Double.isNaN(x) && !Double.isNaN(y)) {
                    a[n] = x;
                    b[n] = y;
                    n++;
                }
            }
        }
        if (n == 0) {
            return null;
        }
        a = java.util.Arrays.copyOf(a, n);
        b = java.util.Arrays.copyOf(b, n);
        Significance.TTest t = Significance.pairedT(a, b);
        Significance.WilcoxonTest w = Significance.wilcoxon(a, b);
        return new Comparison(ref, algorithm, metric, n, t.meanDiff(), t.p(), w.p(), w.exact());
    }

    /**
     * The same report with only the metrics whose names {@code keep} accepts, in every row (and so in
     * the summaries, per-user values and comparisons).
     *
     * @param keep accepts a metric name such as {@code rmse} or {@code ndcg@10}
     * @return a new report with the same dataset, split, seed, settings, folds, algorithms and times
     */
    public Report select(java.util.function.Predicate<String> keep) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Row(r.algorithm(), r.params(), r.fold(), r.result().select(keep), r.trainSeconds(),
                    r.evalSeconds()));
        }
        return new Report(dataset, split, seed, config, folds, out);
    }

    /**
     * The algorithms of the report.
     *
     * @return a new list, in the order they first appear
     */
    public List<String> algorithms() {
        Set<String> s = new LinkedHashSet<>();
        for (Row r : rows) {
            s.add(r.algorithm());
        }
        return new ArrayList<>(s);
    }

    /**
     * The metric names of the report.
     *
     * @return a new list over all rows, in first-seen order
     */
    public List<String> metricNames() {
        Set<String> s = new LinkedHashSet<>();
        for (Row r : rows) {
            s.addAll(r.result().metrics().keySet());
        }
        return new ArrayList<>(s);
    }

    /**
     * Per algorithm, mean and std of every metric present in all its rows, plus {@code train_seconds},
     * {@code eval_seconds}; computed on every call.
     *
     * @return one summary per algorithm, in {@link #algorithms()} order
     */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (String a : algorithms()) {
            List<Row> mine = new ArrayList<>();
            for (Row r : rows) {
                if (r.algorithm().equals(a)) {
                    mine.add(r);
                }
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(metricNames());
            names.add("train_seconds");
            names.add("eval_seconds");
            for (String m : names) {
                double[] v = new double[mine.size()];
                boolean all = true;
                for (int j = 0; j < v.length && all; j++) {
                    Double x = value(mine.get(j), m);
                    all = x != null;
                    v[j] = all ? x : 0;
                }
                if (all && v.length > 0) {
                    mean.put(m, mean(v));
                    std.put(m, std(v));
                }
            }
            out.add(new Summary(a, mine.size(), mean, std));
        }
        return out;
    }

    private static Double value(Row r, String m) {
        switch (m) {
            case "train_seconds":
                return r.trainSeconds();
            case "eval_seconds":
                return r.evalSeconds();
            default:
                return r.result().metrics().get(m);
        }
    }

    /**
     * The arithmetic mean.
     *
     * @param v the values, at least one
     * @return their mean (NaN for none)
     */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * The sample standard deviation ({@code n - 1} in the denominator).
     *
     * @param v the values
     * @return their standard deviation; 0 for fewer than two values
     */
    public static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}

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

    /** Mean and sample standard deviation of each metric (and of the times) over one algorithm's folds. */
    public record Summary(String algorithm, int folds, Map<String, Double> mean, Map<String, Double> std) {
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

package org.movierec.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.movierec.split.Fold;

/**
 * The result of an {@link Experiment}: one {@link Row} per (algorithm, fold) and, per algorithm, the
 * mean and standard deviation of every metric over its folds. The standard deviation is the sample
 * one ({@code n - 1} in the denominator), 0 for a single fold; it describes the spread across folds,
 * not a confidence interval.
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
        public Row {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** Mean and sample standard deviation of each metric (and of the times) over one algorithm's folds. */
    public record Summary(String algorithm, int folds, Map<String, Double> mean, Map<String, Double> std) {
    }

    /** The algorithms in the order they first appear. */
    public List<String> algorithms() {
        Set<String> s = new LinkedHashSet<>();
        for (Row r : rows) {
            s.add(r.algorithm());
        }
        return new ArrayList<>(s);
    }

    /** Metric names over all rows, in first-seen order. */
    public List<String> metricNames() {
        Set<String> s = new LinkedHashSet<>();
        for (Row r : rows) {
            s.addAll(r.result().metrics().keySet());
        }
        return new ArrayList<>(s);
    }

    /** Per algorithm, mean and std of every metric present in all its rows, plus {@code train_seconds}, {@code eval_seconds}. */
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

    private static Map<String, Object> part(Fold.PartSize p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratings", p.ratings());
        m.put("users", p.users());
        m.put("movies", p.movies());
        return m;
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

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation; 0 for fewer than two values. */
    static double std(double[] v) {
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

    /** The report as a JSON document (metric names in lower case, e.g. {@code rmse}, {@code ndcg@10}). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", dataset);
        root.put("split", split);
        root.put("seed", seed);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("k", config.k());
        cfg.put("relevance", config.relevance());
        cfg.put("clip", config.clip());
        cfg.put("normalised_scale", RatingErrors.NORM_NAME + " (mae_norm, mape_norm)");
        cfg.put("topk_accuracy_ks", config.topKAccuracyKs());
        root.put("config", cfg);
        List<Object> fs = new ArrayList<>();
        for (Fold.Sizes f : folds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("train", part(f.train()));
            m.put("validation", f.validation() == null ? null : part(f.validation()));
            m.put("test", part(f.test()));
            m.put("description", f.describe());
            fs.add(m);
        }
        root.put("folds", fs);
        List<Object> rs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", r.algorithm());
            m.put("params", r.params());
            m.put("fold", r.fold());
            m.put("train_seconds", r.trainSeconds());
            m.put("eval_seconds", r.evalSeconds());
            m.put("metrics", r.result().metrics());
            m.put("counts", r.result().counts());
            rs.add(m);
        }
        root.put("rows", rs);
        List<Object> ss = new ArrayList<>();
        for (Summary s : summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", s.algorithm());
            m.put("folds", s.folds());
            m.put("mean", s.mean());
            m.put("std", s.std());
            ss.add(m);
        }
        root.put("summary", ss);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plain-text tables, one per group of metrics (rating metrics, ranking metrics at K, top-K
     * accuracy) so that lines stay readable: one line per algorithm and fold, then a
     * {@code mean±std} line per algorithm with more than one fold; "-" where a model lacks the
     * capability. Training and evaluation times (seconds) close the first table. Algorithms without
     * any metric of a group are left out of that group's table.
     */
    public String toTable() {
        return tables(false);
    }

    /** The same tables as {@link #toTable()} in Markdown (GitHub pipe tables), after a short header. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(dataset).append(", split ").append(split).append(", seed ").append(seed).append("\n\n");
        sb.append("K = ").append(config.k()).append(", relevant = test rating >= ").append(config.relevance())
                .append(", predictions ").append(config.clip() ? "clipped" : "not clipped").append(" to the rating scale")
                .append(", mae_norm and mape_norm on ratings scaled ").append(RatingErrors.NORM_NAME).append("\n\n");
        for (Fold.Sizes f : folds) {
            sb.append("- ").append(f.describe()).append('\n');
        }
        sb.append('\n');
        sb.append(tables(true));
        return sb.toString();
    }

    private String tables(boolean markdown) {
        List<String> names = metricNames();
        List<List<String>> groups = new ArrayList<>();
        List<String> rating = new ArrayList<>();
        List<String> ranking = new ArrayList<>();
        List<String> accuracy = new ArrayList<>();
        for (String m : names) {
            if (m.startsWith("topk_accuracy")) {
                accuracy.add(m);
            } else if (m.contains("@")) {
                ranking.add(m);
            } else {
                rating.add(m);
            }
        }
        groups.add(rating);
        groups.add(ranking);
        groups.add(accuracy);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (List<String> g : groups) {
            if (g.isEmpty() && !first) {
                continue;
            }
            if (!first) {
                sb.append('\n');
            }
            sb.append(table(g, first, markdown));
            first = false;
        }
        return sb.toString();
    }

    private String table(List<String> names, boolean withTimes, boolean markdown) {
        List<String> header = new ArrayList<>();
        header.add("algorithm");
        header.add("fold");
        header.addAll(names);
        if (withTimes) {
            header.add("train_s");
            header.add("eval_s");
        }
        List<List<String>> lines = new ArrayList<>();
        List<Summary> sums = summaries();
        for (String a : algorithms()) {
            boolean any = withTimes;
            for (Row r : rows) {
                if (r.algorithm().equals(a)) {
                    for (String m : names) {
                        any |= r.result().metrics().containsKey(m);
                    }
                }
            }
            if (!any) {
                continue;
            }
            for (Row r : rows) {
                if (!r.algorithm().equals(a)) {
                    continue;
                }
                List<String> l = new ArrayList<>();
                l.add(a);
                l.add(r.fold());
                for (String m : names) {
                    Double v = r.result().metrics().get(m);
                    l.add(v == null ? "-" : num(v));
                }
                if (withTimes) {
                    l.add(String.format(Locale.ROOT, "%.2f", r.trainSeconds()));
                    l.add(String.format(Locale.ROOT, "%.2f", r.evalSeconds()));
                }
                lines.add(l);
            }
            Summary s = sums.stream().filter(x -> x.algorithm().equals(a)).findFirst().orElseThrow();
            if (s.folds() > 1) {
                List<String> l = new ArrayList<>();
                l.add(a);
                l.add("mean±std");
                for (String m : names) {
                    Double v = s.mean().get(m);
                    l.add(v == null ? "-" : num(v) + "±" + num(s.std().get(m), v));
                }
                if (withTimes) {
                    l.add(String.format(Locale.ROOT, "%.2f", s.mean().get("train_seconds")));
                    l.add(String.format(Locale.ROOT, "%.2f", s.mean().get("eval_seconds")));
                }
                lines.add(l);
            }
        }
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> l : lines) {
                w[c] = Math.max(w[c], l.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (markdown) {
            markdownLine(sb, header);
            List<String> rule = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                rule.add(c < 2 ? "---" : "---:");
            }
            markdownLine(sb, rule);
            for (List<String> l : lines) {
                markdownLine(sb, l);
            }
            return sb.toString();
        }
        appendLine(sb, header, w);
        for (List<String> l : lines) {
            appendLine(sb, l, w);
        }
        return sb.toString();
    }

    /** Four decimals (two for values of 10 and more, such as MAPE in percent). */
    private static String num(double v) {
        return num(v, v);
    }

    /** {@code v} with as many decimals as {@link #num(double)} gives {@code ref} (a std next to its mean). */
    private static String num(double v, double ref) {
        return Math.abs(ref) >= 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void markdownLine(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] w) {
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            if (c > 0) {
                sb.append("  ");
            }
            if (c < 2) {
                sb.append(s).append(" ".repeat(w[c] - s.length()));
            } else {
                sb.append(" ".repeat(w[c] - s.length())).append(s);
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }
}

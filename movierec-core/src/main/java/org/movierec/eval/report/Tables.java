package org.movierec.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.movierec.eval.Report;

/**
 * The cells of a report's tables, formatted but not laid out, shared by the text, Markdown and other
 * renderers: one table per group of metrics (rating metrics, ranking metrics at K, top-K accuracy),
 * one line per algorithm and fold, then a {@code mean±std} line per algorithm with more than one
 * fold, "-" where a model lacks the capability; the first table ends with the training and
 * evaluation seconds. Beyond-accuracy metrics (coverage, novelty, diversity, arp) have their own
 * table. With two or more algorithms and per-user values, a last table holds the paired significance
 * tests of each algorithm against the first ({@link Report#comparisons()}). The first two columns are
 * labels, the others numbers.
 *
 * @param tables the tables, in order
 */
public record Tables(List<Table> tables) {
    /**
     * Tables; the list is copied.
     *
     * @param tables the tables, in order
     */
    public Tables {
        tables = List.copyOf(tables);
    }

    /**
     * One table: a header and lines of cells, all of the header's length.
     *
     * @param header the column titles
     * @param lines  the lines, each a list of cells
     */
    public record Table(List<String> header, List<List<String>> lines) {
        /**
         * A table; the lists are copied.
         *
         * @param header the column titles
         * @param lines  the lines, each a list of cells
         */
        public Table {
            header = List.copyOf(header);
            lines = List.copyOf(lines.stream().map(List::copyOf).toList());
        }

        /**
         * The header as shown.
         *
         * @return metric names with their direction ({@code rmse ↓}, {@code ndcg@10 ↑}), other titles as they are
         */
        public List<String> labels() {
            return header.stream().map(MetricDirection::label).toList();
        }
    }

    /**
     * Builds the tables of a report.
     *
     * @param report the report
     * @return its tables (see the class comment)
     */
    public static Tables of(Report report) {
        List<String> rating = new ArrayList<>();
        List<String> ranking = new ArrayList<>();
        List<String> accuracy = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        for (String m : report.metricNames()) {
            if (m.startsWith("topk_accuracy")) {
                accuracy.add(m);
            } else if (m.startsWith("coverage@") || m.startsWith("novelty@") || m.startsWith("diversity@")
                    || m.startsWith("arp@")) {
                beyond.add(m);
            } else if (m.contains("@")) {
                ranking.add(m);
            } else {
                rating.add(m);
            }
        }
        List<Table> out = new ArrayList<>();
        out.add(table(report, rating, true));
        for (List<String> g : List.of(ranking, beyond, accuracy)) {
            if (!g.isEmpty()) {
                out.add(table(report, g, false));
            }
        }
        List<Report.Comparison> cs = report.comparisons();
        if (!cs.isEmpty()) {
            List<List<String>> lines = new ArrayList<>();
            for (Report.Comparison c : cs) {
                lines.add(List.of(c.algorithm() + " vs " + c.reference(), c.metric(), Integer.toString(c.pairs()),
                        String.format(Locale.ROOT, "%+.4f", c.meanDiff()), pValue(c.tP()),
                        pValue(c.wilcoxonP()) + (c.exact() ? " (exact)" : "")));
            }
            out.add(new Table(List.of("comparison", "metric", "pairs", "mean_diff", "t_test_p", "wilcoxon_p"), lines));
        }
        return new Tables(out);
    }

    /**
     * A p-value: four decimals, two significant digits in scientific notation below 0.0001, and
     * {@code <1e-300} when it underflows to 0.
     *
     * @param p a p-value in [0, 1], or NaN when the test is undefined
     * @return the text, such as {@code 0.0312}, {@code 4.2e-07}, {@code <1e-300}, or {@code -} for NaN
     */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        if (p == 0) {
            return "<1e-300";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static Table table(Report report, List<String> names, boolean withTimes) {
        List<String> header = new ArrayList<>();
        header.add("algorithm");
        header.add("fold");
        header.addAll(names);
        if (withTimes) {
            header.add("train_s");
            header.add("eval_s");
        }
        List<List<String>> lines = new ArrayList<>();
        List<Report.Summary> sums = report.summaries();
        for (String a : report.algorithms()) {
            boolean any = withTimes;
            for (Report.Row r : report.rows()) {
                if (r.algorithm().equals(a)) {
                    for (String m : names) {
                        any |= r.result().metrics().containsKey(m);
                    }
                }
            }
            if (!any) {
                continue;
            }
            for (Report.Row r : report.rows()) {
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
            Report.Summary s = sums.stream().filter(x -> x.algorithm().equals(a)).findFirst().orElseThrow();
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
        return new Table(header, lines);
    }

    /**
     * Formats a metric value.
     *
     * @param v the value
     * @return four decimals (two for values of 10 and more, such as MAPE in percent)
     */
    public static String num(double v) {
        return num(v, v);
    }

    /**
     * Formats a value with the decimals of another (a std next to its mean).
     *
     * @param v   the value
     * @param ref the value whose magnitude decides the decimals
     * @return {@code v} with as many decimals as {@link #num(double)} gives {@code ref}
     */
    public static String num(double v, double ref) {
        return Math.abs(ref) >= 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Aligned plain text: labels left, numbers right, two spaces between columns, a blank line between
     * tables, and after them the legend of the arrows with a pointer to the metric definitions.
     */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < tables.size(); t++) {
            if (t > 0) {
                sb.append('\n');
            }
            Table table = tables.get(t);
            List<String> labels = table.labels();
            int[] w = new int[labels.size()];
            for (int c = 0; c < w.length; c++) {
                w[c] = labels.get(c).length();
                for (List<String> l : table.lines()) {
                    w[c] = Math.max(w[c], l.get(c).length());
                }
            }
            appendLine(sb, labels, w);
            for (List<String> l : table.lines()) {
                appendLine(sb, l, w);
            }
        }
        sb.append('\n').append(MetricDirection.LEGEND).append('\n');
        return sb.toString();
    }

    /** GitHub pipe tables, numbers right-aligned, a blank line between tables, then the legend. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < tables.size(); t++) {
            if (t > 0) {
                sb.append('\n');
            }
            Table table = tables.get(t);
            markdownLine(sb, table.labels());
            List<String> rule = new ArrayList<>();
            for (int c = 0; c < table.header().size(); c++) {
                rule.add(c < 2 ? "---" : "---:");
            }
            markdownLine(sb, rule);
            for (List<String> l : table.lines()) {
                markdownLine(sb, l);
            }
        }
        sb.append('\n').append(MetricDirection.LOWER).append(" lower is better, ").append(MetricDirection.HIGHER)
                .append(" higher is better; metric definitions: [").append(MetricDirection.DEFINITIONS).append("](")
                .append(MetricDirection.DEFINITIONS).append(")\n");
        return sb.toString();
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

package org.movierec.eval.report;

import java.util.List;
import java.util.Locale;

/**
 * Which way a metric is better, for the arrows in the tables ({@code rmse ↓}, {@code ndcg@10 ↑}) and
 * the {@code higherIsBetter} field in JSON. Errors and losses are better lower; ranking metrics,
 * coverage, accuracy, novelty and diversity higher. A name known to neither list has no direction
 * (no arrow, {@code higherIsBetter: null}). Definitions: docs/EVALUATION.md.
 */
public final class MetricDirection {
    /** Where the metrics are defined, named under every table. */
    public static final String DEFINITIONS = "docs/EVALUATION.md";
    /** The arrow of lower-is-better metrics. */
    public static final String LOWER = "↓";
    /** The arrow of higher-is-better metrics. */
    public static final String HIGHER = "↑";
    /** The line under a table that explains the arrows and points to the definitions. */
    public static final String LEGEND = LOWER + " lower is better, " + HIGHER + " higher is better; metric definitions: "
            + DEFINITIONS;

    /** Lower is better: MetricSpec's rating errors and lower-is-better metrics at K, and losses. */
    private static final List<String> LOWER_NAMES = concat(org.movierec.eval.MetricSpec.RATING,
            org.movierec.eval.MetricSpec.LOWER_IS_BETTER_AT_K, List.of("mse", "loss", "train_loss", "val_loss"));
    /** Higher is better: MetricSpec's ranking metrics and the other scores movierec reports. */
    private static final List<String> HIGHER_NAMES = concat(org.movierec.eval.MetricSpec.RANKING,
            List.of("coverage", "topk_accuracy", "topk_accuracy_unseen", "auc", "novelty", "diversity",
                    "intra_list_diversity", "accuracy"));

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return concat(concat(a, b), c);
    }

    private MetricDirection() {
    }

    /**
     * Whether higher values of a metric are better.
     *
     * @param metric a metric name, with or without its cut-off ({@code rmse}, {@code ndcg@10})
     * @return true, false, or null when the metric is not known
     */
    public static Boolean higherIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT).strip();
        int at = m.indexOf('@');
        String base = at < 0 ? m : m.substring(0, at);
        if (LOWER_NAMES.contains(base)) {
            return false;
        }
        if (HIGHER_NAMES.contains(base)) {
            return true;
        }
        return null;
    }

    /**
     * The metric's direction as an arrow.
     *
     * @param metric a metric name, with or without its cut-off
     * @return {@code "↓"}, {@code "↑"} or {@code ""} for an unknown metric
     */
    public static String arrow(String metric) {
        Boolean h = higherIsBetter(metric);
        return h == null ? "" : h ? HIGHER : LOWER;
    }

    /**
     * The metric's name with its arrow.
     *
     * @param metric a metric name or another column's title
     * @return the name with its arrow ({@code rmse ↓}); unknown metrics and other columns unchanged
     */
    public static String label(String metric) {
        String a = arrow(metric);
        return a.isEmpty() ? metric : metric + " " + a;
    }
}

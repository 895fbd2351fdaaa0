package org.movierec.eval;

import java.util.List;
import java.util.Locale;

/**
 * A metric by the name the {@link Evaluator} reports it under: a rating metric ({@code rmse},
 * {@code mae}, ...) or a ranking metric at a cut-off ({@code ndcg@10}).
 *
 * @param name the metric's name without the cut-off
 * @param k    the cut-off of a ranking metric, 0 for a rating metric
 */
public record MetricSpec(String name, int k) {
    /** Rating metrics: lower is better. */
    public static final List<String> RATING = List.of("rmse", "mae", "mape", "mae_norm", "mape_norm");
    /**
     * Ranking and beyond-accuracy metrics at K: higher is better, except {@code arp} (average
     * recommended popularity: lower is less popularity bias).
     */
    public static final List<String> RANKING = List.of("ndcg", "precision", "recall", "map", "mrr", "hit_rate",
            "coverage", "novelty", "diversity", "arp");
    /** Metrics at K where lower is better. */
    public static final List<String> LOWER_IS_BETTER_AT_K = List.of("arp");

    /**
     * Checks the name and cut-off.
     *
     * @param name a name of {@link #RATING} or {@link #RANKING}
     * @param k    0 for a rating metric, at least 1 for a ranking metric
     * @throws IllegalArgumentException naming an unknown metric (and the known ones) or a wrong cut-off
     */
    public MetricSpec {
        if (RATING.contains(name)) {
            if (k != 0) {
                throw new IllegalArgumentException("metric " + name + " takes no cut-off, got @" + k);
            }
        } else if (RANKING.contains(name)) {
            if (k < 1) {
                throw new IllegalArgumentException("metric " + name + " needs a cut-off >= 1 (" + name + "@10)");
            }
        } else {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + String.join(", ", RATING)
                    + ", and " + String.join(", ", RANKING) + " with a cut-off (ndcg@10)");
        }
    }

    /**
     * Parses a metric as the command line writes it.
     *
     * @param text {@code rmse}, {@code ndcg@10}, ... (case-insensitive; a ranking metric without a cut-off
     *             gets 10)
     * @return the metric
     * @throws IllegalArgumentException naming the text when it is unknown or its cut-off is not a number
     */
    public static MetricSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int at = t.indexOf('@');
        if (at < 0) {
            return new MetricSpec(t, RANKING.contains(t) ? 10 : 0);
        }
        try {
            return new MetricSpec(t.substring(0, at), Integer.parseInt(t.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + text + "': the cut-off after '@' must be a whole number");
        }
    }

    /**
     * The key of {@link Evaluator.Result#metrics()}.
     *
     * @return {@code rmse} or {@code ndcg@10}
     */
    public String label() {
        return k == 0 ? name : name + "@" + k;
    }

    /**
     * Whether lower values are better.
     *
     * @return true for the error metrics ({@link #RATING}) and popularity bias {@code arp}
     */
    public boolean lowerIsBetter() {
        return RATING.contains(name) || LOWER_IS_BETTER_AT_K.contains(name);
    }

    /**
     * Compares two values of this metric.
     *
     * @param a a value
     * @param b another value
     * @return whether {@code a} is strictly better than {@code b}
     */
    public boolean better(double a, double b) {
        return lowerIsBetter() ? a < b : a > b;
    }

    @Override
    public String toString() {
        return label();
    }
}

package org.movierec.eval;

import org.movierec.data.RatingScale;

/**
 * Accumulates rating-prediction errors (add, merge, result) and yields RMSE, MAE and MAPE in stars
 * and on a normalised scale.
 *
 * <ul>
 * <li>{@code RMSE = sqrt(sum (p - r)^2 / n)}, {@code MAE = sum |p - r| / n}.</li>
 * <li>{@code MAPE = 100 * sum |p - r| / |r| / n'} in percent, where {@code n'} counts only ratings
 * {@code r != 0}: a zero rating has no relative error, so it is left out of MAPE (and counted in
 * {@link Result#mapeSkipped()}). MovieLens has no zero ratings (its lowest is 0.5 or 1).</li>
 * <li>The normalised scale is min-max scaling of the dataset's {@link RatingScale} onto
 * {@code [0.5, 1]}: {@code x' = 0.5 + 0.5 * (x - min) / (max - min)}, applied to both the rating and
 * the prediction. On ML-100k (1..5 stars) a 1 becomes 0.5 and a 5 becomes 1; {@code MAE_norm =
 * MAE / 8} there. One of the reference reports scales ratings this way and reports MAE and MAPE on
 * it; since the scaled rating is never below 0.5, {@code MAPE_norm} never skips a rating.</li>
 * </ul>
 *
 * Sums are kept in double. Whether predictions are clipped to the scale first is the caller's choice
 * (the {@link Evaluator} clips by default). Not thread-safe: use one accumulator per thread and
 * {@link #merge} them.
 */
public final class RatingErrors {
    /** Lower end of the normalised scale. */
    public static final double NORM_LOW = 0.5;
    /** Upper end of the normalised scale. */
    public static final double NORM_HIGH = 1.0;
    /** The normalised scale's name, as reports print it next to {@code mae_norm} and {@code mape_norm}. */
    public static final String NORM_NAME = "min-max to [0.5, 1]";

    private final double min;
    private final double range;
    private long n;
    private long nMape;
    private double sumSq;
    private double sumAbs;
    private double sumPct;
    private double sumAbsNorm;
    private double sumPctNorm;

    /** @param scale the rating scale whose min and max define the normalisation */
    public RatingErrors(RatingScale scale) {
        this.min = scale.min();
        this.range = (double) scale.max() - scale.min();
    }

    /**
     * Maps a value onto the normalised scale.
     *
     * @param x a rating or prediction in stars
     * @return its value on the [0.5, 1] scale (outside it when {@code x} is off the rating scale)
     */
    public double normalise(double x) {
        return NORM_LOW + (NORM_HIGH - NORM_LOW) * (x - min) / range;
    }

    /**
     * Adds one prediction and its true rating.
     *
     * @param predicted the prediction in stars (clipped or not, as the caller chose)
     * @param actual    the true rating in stars
     */
    public void add(double predicted, double actual) {
        double e = predicted - actual;
        n++;
        sumSq += e * e;
        sumAbs += Math.abs(e);
        if (actual != 0) {
            sumPct += Math.abs(e) / Math.abs(actual);
            nMape++;
        }
        double pn = normalise(predicted);
        double an = normalise(actual);
        sumAbsNorm += Math.abs(pn - an);
        sumPctNorm += Math.abs(pn - an) / an;
    }

    /**
     * Adds another accumulator's errors to this one.
     *
     * @param o an accumulator over the same rating scale
     * @throws IllegalArgumentException when the scales differ
     */
    public void merge(RatingErrors o) {
        if (o.min != min || o.range != range) {
            throw new IllegalArgumentException("cannot merge errors over different rating scales");
        }
        n += o.n;
        nMape += o.nMape;
        sumSq += o.sumSq;
        sumAbs += o.sumAbs;
        sumPct += o.sumPct;
        sumAbsNorm += o.sumAbsNorm;
        sumPctNorm += o.sumPctNorm;
    }

    /**
     * How many predictions were added.
     *
     * @return the count
     */
    public long count() {
        return n;
    }

    /**
     * The metrics so far.
     *
     * @return RMSE, MAE and MAPE in stars and normalised; all NaN when nothing was added
     */
    public Result result() {
        double nn = n;
        return new Result(n, Math.sqrt(sumSq / nn), sumAbs / nn, nMape == 0 ? Double.NaN : 100 * sumPct / nMape,
                n - nMape, sumAbsNorm / nn, 100 * sumPctNorm / nn);
    }

    /**
     * @param n           number of predictions
     * @param rmse        root mean squared error, stars
     * @param mae         mean absolute error, stars
     * @param mape        mean absolute percentage error, percent (ratings of 0 left out)
     * @param mapeSkipped ratings of 0 left out of MAPE
     * @param maeNorm     MAE on the [0.5, 1] scale
     * @param mapeNorm    MAPE on the [0.5, 1] scale, percent
     */
    public record Result(long n, double rmse, double mae, double mape, long mapeSkipped, double maeNorm,
                         double mapeNorm) {
    }
}

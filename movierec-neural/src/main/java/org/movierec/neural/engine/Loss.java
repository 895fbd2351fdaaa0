package org.movierec.neural.engine;

/**
 * Regression losses averaged over the batch, with their gradient with respect to each prediction.
 * <ul>
 * <li>MSE: {@code (1/n) sum (p - t)^2}, gradient {@code 2 (p - t) / n};</li>
 * <li>MAE: {@code (1/n) sum |p - t|}, gradient {@code sign(p - t) / n} (0 at 0);</li>
 * <li>Huber with {@code delta}: {@code 0.5 e^2} for {@code |e| <= delta}, else
 * {@code delta (|e| - 0.5 delta)}; gradient {@code e} or {@code delta sign(e)}, over {@code n}.</li>
 * </ul>
 */
public enum Loss {
    MSE, MAE, HUBER;

    /** Huber's threshold. */
    public static final float HUBER_DELTA = 1f;

    /** Returns the mean loss over {@code n} rows and writes {@code dL/dp} into {@code grad}. */
    public double compute(float[] pred, float[] target, int n, float[] grad) {
        if (n <= 0) {
            throw new IllegalArgumentException("a loss needs at least one row");
        }
        double sum = 0;
        float inv = 1f / n;
        for (int i = 0; i < n; i++) {
            float e = pred[i] - target[i];
            switch (this) {
                case MSE -> {
                    sum += (double) e * e;
                    grad[i] = 2 * e * inv;
                }
                case MAE -> {
                    sum += Math.abs(e);
                    grad[i] = Math.signum(e) * inv;
                }
                default -> {
                    float a = Math.abs(e);
                    if (a <= HUBER_DELTA) {
                        sum += 0.5 * e * e;
                        grad[i] = e * inv;
                    } else {
                        sum += HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
                        grad[i] = HUBER_DELTA * Math.signum(e) * inv;
                    }
                }
            }
        }
        return sum / n;
    }
}

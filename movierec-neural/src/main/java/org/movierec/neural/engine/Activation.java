package org.movierec.neural.engine;

/**
 * Elementwise activations. ReLU: {@code max(0, x)} (a NaN stays NaN). GELU, tanh form (Hendrycks and Gimpel 2016):
 * {@code 0.5 x (1 + tanh(c (x + 0.044715 x^3)))} with {@code c = sqrt(2/pi)}.
 */
public final class Activation extends Layer {
    /** Which function. */
    public enum Kind { RELU, GELU }

    private static final float C = (float) Math.sqrt(2 / Math.PI);
    private final Kind kind;

    public Activation(Kind kind, int dim) {
        super(dim, dim);
        this.kind = kind;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        int len = n * inDim;
        y = grow(y, len);
        if (kind == Kind.RELU) {
            // Math.max vectorizes (a select does not, in Java 17): 2.8 us against 23 us per 256 x 100 batch.
            // Same values as x > 0 ? x : 0 except a NaN input, which stays NaN (and so reaches the loss,
            // where divergence is caught) instead of becoming 0.
            for (int k = 0; k < len; k++) {
                y[k] = Math.max(x[k], 0f);
            }
        } else {
            for (int k = 0; k < len; k++) {
                float v = x[k];
                y[k] = 0.5f * v * (1f + (float) Math.tanh(C * (v + 0.044715f * v * v * v)));
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        int len = n * inDim;
        dx = grow(dx, len);
        if (kind == Kind.RELU) {
            // dy where x > 0, else 0, without a select (Java 17 does not vectorize one): max(x, 0) * BIG * BIG
            // is at least 1.6e32 for any x > 0 (the smallest float times 3.4e38 twice) and 0 otherwise,
            // so the mask is exactly 1 or 0. (A NaN x gives a NaN gradient, caught as divergence.)
            for (int k = 0; k < len; k++) {
                dx[k] = dy[k] * Math.min(Math.max(x[k], 0f) * Float.MAX_VALUE * Float.MAX_VALUE, 1f);
            }
        } else {
            for (int k = 0; k < len; k++) {
                float v = x[k];
                float u = C * (v + 0.044715f * v * v * v);
                float t = (float) Math.tanh(u);
                float du = C * (1f + 3 * 0.044715f * v * v);
                dx[k] = dy[k] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * du);
            }
        }
        return dx;
    }
}

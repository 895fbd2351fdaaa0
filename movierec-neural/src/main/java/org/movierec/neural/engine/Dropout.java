package org.movierec.neural.engine;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each input is zeroed with probability {@code p} and the survivors
 * are scaled by {@code 1/(1-p)}; at inference it is the identity. The mask comes from a seeded
 * generator, so training is deterministic for a seed.
 */
public final class Dropout extends Layer {
    private final float p;
    private SplittableRandom rng;
    private float[] mask = new float[0];
    private boolean identity;

    public Dropout(int dim, float p, long seed) {
        super(dim, dim);
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    /** Restarts the mask generator (gradient checks replay one mask). */
    public void reseed(long seed) {
        rng = new SplittableRandom(seed);
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        int len = n * inDim;
        identity = !training || p == 0;
        if (identity) {
            return x;
        }
        y = grow(y, len);
        mask = grow(mask, len);
        float keep = 1f / (1f - p);
        for (int k = 0; k < len; k++) {
            mask[k] = rng.nextDouble() < p ? 0f : keep;
            y[k] = x[k] * mask[k];
        }
        return y;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        if (identity) {
            return dy;
        }
        int len = n * inDim;
        dx = grow(dx, len);
        for (int k = 0; k < len; k++) {
            dx[k] = dy[k] * mask[k];
        }
        return dx;
    }
}

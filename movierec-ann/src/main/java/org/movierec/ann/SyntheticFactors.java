package org.movierec.ann;

import java.util.SplittableRandom;

/**
 * Factor-model-like vectors for tests and benchmarks: items {@code [y_i, b_i]} with Gaussian
 * directions, log-normal norms (popular items have longer vectors, as in trained models) and a
 * bias; queries {@code [x_u, 1]}. Deterministic for a seed.
 */
public final class SyntheticFactors {
    private SyntheticFactors() {
    }

    /** {@code n x (k + 1)} row-major item rows. */
    public static float[] items(int n, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = k + 1;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double scale = Math.exp(0.3 * rnd.nextGaussian()) / Math.sqrt(k);
            for (int f = 0; f < k; f++) {
                out[i * d + f] = (float) (rnd.nextGaussian() * scale);
            }
            out[i * d + k] = (float) (0.3 * rnd.nextGaussian());
        }
        return out;
    }

    /** {@code count} queries of length {@code k + 1} (last entry 1: the item bias counts once). */
    public static float[][] queries(int count, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[][] out = new float[count][k + 1];
        for (int u = 0; u < count; u++) {
            for (int f = 0; f < k; f++) {
                out[u][f] = (float) rnd.nextGaussian();
            }
            out[u][k] = 1f;
        }
        return out;
    }
}

package org.movierec.algo;

import java.util.SplittableRandom;
import org.movierec.math.Vectors;

/**
 * Helpers shared by the matrix-factorization models ({@link Als}, {@link ImplicitAls}, {@link Bpr}).
 * Factor matrices are flat row-major {@code float[n * k]}: row {@code r} is {@code [r*k, r*k+k)}, so
 * a user's or item's vector is contiguous and the per-rating loops stream through memory.
 */
final class LatentFactors {
    private LatentFactors() {
    }

    /** {@code n x k} entries drawn from N(0, std^2) in row order from one seeded generator. */
    static float[] gaussian(long seed, int n, int k, float std) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] m = new float[n * k];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (rnd.nextGaussian() * std);
        }
        return m;
    }

    /**
     * {@code out[i] = base + (bias == null ? 0 : bias[i]) + x_u . y_i} for every item; the user's
     * row is {@code users[uo .. uo+k)}.
     */
    static void scoreAll(float[] users, int uo, float[] items, float[] bias, float base, int k, float[] out) {
        int n = out.length;
        for (int i = 0; i < n; i++) {
            float s = Vectors.dotFloat(users, uo, items, i * k, k);
            out[i] = base + (bias == null ? 0f : bias[i]) + s;
        }
    }

    static void checkItemsRatings(int[] items, float[] ratings, int numItems) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException("items and ratings differ in length: " + items.length + " vs "
                    + ratings.length);
        }
        for (int i : items) {
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("item index " + i + " outside 0.." + (numItems - 1));
            }
        }
    }
}

package org.movierec.algo.fm;

import java.util.SplittableRandom;

/**
 * The mutable parameters of a degree-2 factorization machine during training:
 * <pre>
 *   y(x) = w0 + sum_j w_j x_j + sum_{j<l} &lt;v_j, v_l&gt; x_j x_l
 *        = w0 + sum_j w_j x_j + 1/2 sum_f [ (sum_j v_jf x_j)^2 - sum_j v_jf^2 x_j^2 ]
 * </pre>
 * (Rendle, "Factorization Machines", ICDM 2010, lemma 3.1): the second form costs O(k n) for n
 * non-zeros instead of O(k n^2). {@code v} is row-major, {@code v[j*k + f]}.
 */
final class FmParams {
    final int dimension;
    final int k;
    double w0;
    final float[] w;
    final float[] v;

    FmParams(int dimension, int k) {
        this.dimension = dimension;
        this.k = k;
        this.w = new float[dimension];
        this.v = new float[dimension * k];
    }

    /** Draws every factor of the features with {@code active[j]} from N(0, std^2); the rest stay 0. */
    void initFactors(SplittableRandom rnd, double std, boolean[] active) {
        for (int j = 0; j < dimension; j++) {
            if (active[j]) {
                for (int f = 0; f < k; f++) {
                    v[j * k + f] = (float) (rnd.nextGaussian() * std);
                }
            }
        }
    }

    /**
     * The prediction for entries {@code idx[from..to)}, {@code val[from..to)}. When {@code sums} is
     * not null it receives {@code q_f = sum_j v_jf x_j} (length k), which the gradient reuses.
     */
    double predict(int[] idx, float[] val, int from, int to, double[] sums) {
        double y = w0;
        for (int p = from; p < to; p++) {
            y += w[idx[p]] * val[p];
        }
        for (int f = 0; f < k; f++) {
            double s = 0;
            double s2 = 0;
            for (int p = from; p < to; p++) {
                double t = v[idx[p] * k + f] * val[p];
                s += t;
                s2 += t * t;
            }
            if (sums != null) {
                sums[f] = s;
            }
            y += 0.5 * (s * s - s2);
        }
        return y;
    }
}

package org.movierec.algo;

import java.util.SplittableRandom;
import org.movierec.data.Interactions;

/**
 * Small numeric kernels shared by the latent-factor models (BiasedMF, SVD++, timeSVD++): factor
 * matrices are flat row-major float arrays ({@code m[row * k + f]}) so that a row is one
 * contiguous, cache-friendly run and no per-row object exists.
 */
final class LatentMath {
    private LatentMath() {
    }

    /** Throws an IllegalArgumentException naming the hyperparameter and its bad value. */
    static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("hyperparameter " + name + "=" + value + " is invalid: must be " + rule);
        }
    }

    /** Fills {@code m} with N(0, sd^2) draws in index order (so the result depends only on the seed). */
    static void gaussian(float[] m, double sd, SplittableRandom rnd) {
        for (int x = 0; x < m.length; x++) {
            m[x] = (float) (rnd.nextGaussian() * sd);
        }
    }

    /**
     * {@code a[ao..ao+k) . b[bo..bo+k)}, accumulated in float (k is at most a few hundred). Four
     * independent partial sums: the JIT may not reorder a single float sum, so one accumulator
     * serializes every add on the previous one; four let the adds overlap (about 2x on k=100).
     */
    static float dot(float[] a, int ao, float[] b, int bo, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (int end = k - 3; f < end; f += 4) {
            s0 += a[ao + f] * b[bo + f];
            s1 += a[ao + f + 1] * b[bo + f + 1];
            s2 += a[ao + f + 2] * b[bo + f + 2];
            s3 += a[ao + f + 3] * b[bo + f + 3];
        }
        for (; f < k; f++) {
            s0 += a[ao + f] * b[bo + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Zeroes the rows of users without training ratings, so that they score by biases alone. */
    static void zeroColdUsers(float[] p, Interactions in, int k) {
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) == 0) {
                java.util.Arrays.fill(p, u * k, (u + 1) * k, 0f);
            }
        }
    }

    /** Zeroes the rows of items without training ratings. */
    static void zeroColdItems(float[] q, int[] itemCounts, int k) {
        for (int i = 0; i < itemCounts.length; i++) {
            if (itemCounts[i] == 0) {
                java.util.Arrays.fill(q, i * k, (i + 1) * k, 0f);
            }
        }
    }

    /** Euclidean norm of each row of a flat {@code n x k} matrix. */
    static float[] rowNorms(float[] m, int k) {
        int n = m.length / k;
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int f = 0; f < k; f++) {
                float v = m[r * k + f];
                s += v * v;
            }
            out[r] = (float) Math.sqrt(s);
        }
        return out;
    }

    /**
     * Cosine similarity of item {@code item}'s factor row with every row: {@code q_i.q_j / (|q_i| |q_j|)},
     * 0 where either row is all zeros (items without training data).
     */
    static void cosine(float[] q, float[] norms, int k, int item, float[] out) {
        int n = norms.length;
        float ni = norms[item];
        for (int j = 0; j < n; j++) {
            float d = ni * norms[j];
            out[j] = d == 0 ? 0f : dot(q, item * k, q, j * k, k) / d;
        }
    }

    /**
     * Fold-in of a user vector against fixed item factors: ridge regression
     * {@code p = argmin sum_i (res_i - q_i.p)^2 + lambda |p|^2}, i.e. {@code (Q^T Q + lambda I) p = Q^T res},
     * solved by Cholesky in double precision (the k x k system is tiny next to the item scan).
     *
     * @param q      item factors, flat {@code numItems x k}
     * @param items  the rated items
     * @param res    the residuals to explain (rating minus everything the model already predicts)
     * @param lambda ridge penalty ({@code > 0} keeps the system positive definite)
     * @return the user vector (length k)
     */
    static float[] ridge(float[] q, int k, int[] items, double[] res, double lambda) {
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int n = 0; n < items.length; n++) {
            int o = items[n] * k;
            for (int f = 0; f < k; f++) {
                double qf = q[o + f];
                b[f] += qf * res[n];
                for (int g = 0; g <= f; g++) {
                    a[f * k + g] += qf * q[o + g];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        // Cholesky A = L L^T in the lower triangle, then forward and back substitution.
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            for (int m = 0; m < j; m++) {
                d -= a[j * k + m] * a[j * k + m];
            }
            d = Math.sqrt(d);
            a[j * k + j] = d;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    s -= a[i * k + m] * a[j * k + m];
                }
                a[i * k + j] = s / d;
            }
        }
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= a[i * k + m] * b[m];
            }
            b[i] = s / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int m = i + 1; m < k; m++) {
                s -= a[m * k + i] * b[m];
            }
            b[i] = s / a[i * k + i];
        }
        float[] p = new float[k];
        for (int f = 0; f < k; f++) {
            p[f] = (float) b[f];
        }
        return p;
    }

    /** Checks a fold-in request's arrays and item range. */
    static void checkFoldIn(int[] items, float[] ratings, float[] out, int numItems) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException("fold-in: " + items.length + " items but " + ratings.length
                    + " ratings");
        }
        if (out.length != numItems) {
            throw new IllegalArgumentException("fold-in: output length " + out.length + ", expected " + numItems);
        }
        for (int i : items) {
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("fold-in: item " + i + " outside 0.." + (numItems - 1));
            }
        }
    }

    /** A permutation of {@code 0..n-1} by Fisher-Yates from {@code rnd}, written into {@code perm}. */
    static void shuffle(int[] perm, SplittableRandom rnd) {
        for (int x = perm.length - 1; x > 0; x--) {
            int y = rnd.nextInt(x + 1);
            int t = perm[x];
            perm[x] = perm[y];
            perm[y] = t;
        }
    }
}

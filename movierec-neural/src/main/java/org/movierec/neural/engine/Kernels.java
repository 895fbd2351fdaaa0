package org.movierec.neural.engine;

import org.movierec.util.Parallel;

/**
 * The batched matrix kernels of the neural engine, over flat row-major float arrays. All of them
 * are in this one class so that they can be swapped for the core's shared kernels later.
 *
 * <p>Each output element is computed by one thread in a fixed order of its terms, so results are
 * bit-identical whatever the number of threads. Work below {@link #PARALLEL_MIN_FLOPS} multiply-adds
 * runs on the calling thread (handing a small product to the pool costs more than it saves).
 */
public final class Kernels {
    /** Products with fewer multiply-adds than this stay on the calling thread. */
    public static final long PARALLEL_MIN_FLOPS = 1L << 20;

    private Kernels() {
    }

    /**
     * {@code C[m x n] (+)= A[m x k] . B[k x n]} (row-major; {@code accumulate} adds to C, else overwrites).
     */
    public static void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            Parallel.forRange(m, (chunk, from, to) -> gemmRows(a, b, c, from, to, k, n, accumulate));
        } else {
            gemmRows(a, b, c, 0, m, k, n, accumulate);
        }
    }

    static void gemmRows(float[] a, float[] b, float[] c, int from, int to, int k, int n, boolean accumulate) {
        for (int i = from; i < to; i++) {
            int ci = i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            int ai = i * k;
            for (int p = 0; p < k; p++) {
                float s = a[ai + p];
                if (s == 0f) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += s * b[bp + j];
                }
            }
        }
    }

    /**
     * {@code C[m x n] (+)= A^T . B} where {@code A} is {@code [k x m]} and {@code B} is {@code [k x n]}:
     * the weight gradient {@code dW = X^T dY} of a dense layer.
     */
    public static void gemmTA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            Parallel.forRange(m, (chunk, from, to) -> gemmTARows(a, b, c, from, to, m, k, n, accumulate));
        } else {
            gemmTARows(a, b, c, 0, m, m, k, n, accumulate);
        }
    }

    static void gemmTARows(float[] a, float[] b, float[] c, int from, int to, int m, int k, int n,
                           boolean accumulate) {
        for (int i = from; i < to; i++) {
            int ci = i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float s = a[p * m + i];
                if (s == 0f) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += s * b[bp + j];
                }
            }
        }
    }

    /**
     * {@code C[m x n] (+)= A[m x k] . B^T} where {@code B} is {@code [n x k]}: the input gradient
     * {@code dX = dY W^T} of a dense layer with {@code W [in x out]} (then {@code n} may be less than
     * W's rows: only the first {@code n} input columns get a gradient). {@code ldb} is B's row stride.
     */
    public static void gemmTB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            Parallel.forRange(m, (chunk, from, to) -> gemmTBRows(a, b, c, from, to, k, n, accumulate));
        } else {
            gemmTBRows(a, b, c, 0, m, k, n, accumulate);
        }
    }

    static void gemmTBRows(float[] a, float[] b, float[] c, int from, int to, int k, int n, boolean accumulate) {
        for (int i = from; i < to; i++) {
            int ai = i * k;
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                float d = dot(a, ai, b, j * k, k);
                c[ci + j] = accumulate ? c[ci + j] + d : d;
            }
        }
    }

    /** {@code sum_p x[xo + p] * y[yo + p]} over {@code k} terms, with four accumulators in a fixed order. */
    public static float dot(float[] x, int xo, float[] y, int yo, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int p = 0;
        for (; p + 3 < k; p += 4) {
            s0 += x[xo + p] * y[yo + p];
            s1 += x[xo + p + 1] * y[yo + p + 1];
            s2 += x[xo + p + 2] * y[yo + p + 2];
            s3 += x[xo + p + 3] * y[yo + p + 3];
        }
        for (; p < k; p++) {
            s0 += x[xo + p] * y[yo + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Adds the bias row {@code b[n]} to every row of {@code c[m x n]}. */
    public static void addRow(float[] c, float[] b, int m, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += b[j];
            }
        }
    }

    /** {@code g[j] += sum_i d[i*n + j]}: the bias gradient. */
    public static void sumRows(float[] d, float[] g, int m, int n) {
        for (int i = 0; i < m; i++) {
            int di = i * n;
            for (int j = 0; j < n; j++) {
                g[j] += d[di + j];
            }
        }
    }
}

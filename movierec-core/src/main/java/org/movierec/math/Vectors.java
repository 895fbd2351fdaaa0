package org.movierec.math;

/**
 * Vector kernels over {@code float} rows stored inside larger flat arrays (a factor matrix of
 * {@code n x k} is one {@code float[n * k]}, row {@code r} starting at {@code r * k}).
 *
 * <p>The loops are plain counted loops over contiguous memory with no branches so that the JIT
 * compiler can vectorize them; sums of products are accumulated in {@code double} where the caller
 * needs the value (dot products feed predictions and CG step lengths) and in {@code float} for the
 * Gram update, where the per-element sums are short (one per rated item) and float keeps the SIMD
 * width doubled.
 */
public final class Vectors {
    private Vectors() {
    }

    /** {@code sum_f a[ao+f] * b[bo+f]} for {@code f < n}, accumulated in double. */
    public static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** {@code sum_f a[ao+f] * b[bo+f]} accumulated in float: the fast form for scoring all items. */
    public static float dotFloat(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** {@code sum_f a[f] * b[bo+f]} for a double vector against a float row. */
    public static double dot(double[] a, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[f] * b[bo + f];
        }
        return s;
    }

    /** {@code sum_f a[ao+f] * b[f]} for {@code f < n}. */
    public static double dot(double[] a, int ao, double[] b, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[f];
        }
        return s;
    }

    /** {@code sum_f a[f] * b[f]} over the first {@code n} elements. */
    public static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    /** {@code y[f] += alpha * x[xo+f]} for {@code f < n}. */
    public static void axpy(double alpha, float[] x, int xo, double[] y, int n) {
        for (int f = 0; f < n; f++) {
            y[f] += alpha * x[xo + f];
        }
    }

    /** {@code y[yo+f] += alpha * x[xo+f]} for {@code f < n}, in float. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int f = 0; f < n; f++) {
            y[yo + f] += alpha * x[xo + f];
        }
    }

    /** {@code y[f] += alpha * x[f]} for {@code f < n}. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int f = 0; f < n; f++) {
            y[f] += alpha * x[f];
        }
    }

    /** Euclidean norm of the row {@code a[ao .. ao+n)}. */
    public static double norm(float[] a, int ao, int n) {
        return Math.sqrt(dot(a, ao, a, ao, n));
    }

    /**
     * Symmetric rank-1 update of the upper triangle: {@code G[a*n + b] += w * x[a] * x[b]} for
     * {@code a <= b < n}. The strictly lower triangle of {@code G} is not touched; read the result
     * with {@link Cholesky#factorUpper} or mirror it with {@link #mirrorUpper}.
     *
     * <p>Summing {@code x x^T} over a user's items is the dominant cost of an ALS half-step
     * ({@code n^2/2} multiply-adds per rating against {@code n^3/6} once per user for the solve), so
     * only the triangle is formed and each row update is a contiguous float loop the JIT vectorizes.
     */
    public static void rank1Upper(float[] g, float[] x, float w, int n) {
        for (int a = 0; a < n; a++) {
            float wa = w * x[a];
            int row = a * n;
            for (int b = a; b < n; b++) {
                g[row + b] += wa * x[b];
            }
        }
    }

    /**
     * Four symmetric rank-1 updates at once on the upper triangle: {@code G += sum_{r<4} x_r x_r^T},
     * where row {@code r} is {@code rows[r*n .. r*n+n)}. Same result as four {@link #rank1Upper} calls up
     * to float rounding order. Each element of {@code G} is loaded and stored once per four rows
     * instead of once per row: the single update is bound by those loads and stores, not by the
     * multiply-adds, so this form runs at about twice the speed.
     */
    public static void rank4Upper(float[] g, float[] rows, int n) {
        int o1 = n;
        int o2 = 2 * n;
        int o3 = 3 * n;
        for (int a = 0; a < n; a++) {
            float w0 = rows[a];
            float w1 = rows[o1 + a];
            float w2 = rows[o2 + a];
            float w3 = rows[o3 + a];
            int row = a * n;
            for (int b = a; b < n; b++) {
                g[row + b] += w0 * rows[b] + w1 * rows[o1 + b] + w2 * rows[o2 + b] + w3 * rows[o3 + b];
            }
        }
    }

    /** Copies the upper triangle of the {@code n x n} row-major {@code g} onto its lower triangle. */
    public static void mirrorUpper(double[] g, int n) {
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                g[b * n + a] = g[a * n + b];
            }
        }
    }
}

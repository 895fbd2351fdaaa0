package org.movierec.math;

import org.movierec.util.Parallel;

/**
 * Inverse of a dense symmetric positive definite matrix through its Cholesky factor, in double,
 * for the closed-form EASE/DLAE solutions. Private to the algorithms of {@code org.movierec.algo}
 * (the project's general linear algebra lives elsewhere); rows are {@code double[]} arrays.
 *
 * <p>Three steps, each O(n^3) with the constant shown, all parallel over rows or columns:
 * <ol>
 *   <li>{@code A = L L^T} (Cholesky-Crout, n^3/6 multiply-adds): for each column {@code j},
 *       {@code L_jj = sqrt(A_jj - sum_{k<j} L_jk^2)}, then every {@code L_ij, i > j}, is
 *       {@code (A_ij - L_i[0..j) . L_j[0..j)) / L_jj}; the rows below {@code j} are independent
 *       and are computed in parallel. Dot products run over contiguous row prefixes.</li>
 *   <li>{@code M = (L^-1)^T} (n^3/6): row {@code j} of {@code M} is column {@code j} of
 *       {@code L^-1}, found by forward substitution; the columns are independent and are dealt to
 *       the workers round-robin because early columns cost more than late ones.</li>
 *   <li>{@code A^-1 = L^-T L^-1}, i.e. {@code (A^-1)_ij = sum_{k >= max(i,j)} M_ik M_jk}
 *       (n^3/6 using symmetry), again round-robin over rows.</li>
 * </ol>
 * Every entry is one dot product computed by one thread in a fixed order, so the result does not
 * depend on thread timing. Memory: the input is overwritten by {@code L} and a second n x n array
 * holds {@code M}, which is overwritten by the result through a half-size side buffer: at most 20 n^2
 * bytes at once (about 8 GB for n = 20,000).
 */
public final class SpdInverse {
    /** Below this many multiply-adds a column step runs on the calling thread (task overhead dominates). */
    private static final long PARALLEL_WORK = 200_000;

    private SpdInverse() {
    }

    /**
     * Inverts {@code a} (only its lower triangle and diagonal are read). {@code a} is destroyed: it
     * holds the Cholesky factor afterwards.
     *
     * @return the symmetric inverse as a new n x n array
     * @throws IllegalArgumentException when {@code a} is not square or not positive definite
     */
    public static double[][] invert(double[][] a) {
        return invert(a, PARALLEL_WORK);
    }

    /** As {@link #invert(double[][])}; column steps with fewer multiply-adds than {@code parallelWork} run serially. */
    static double[][] invert(double[][] a, long parallelWork) {
        int n = a.length;
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix is not square: " + n + " rows but a row of " + row.length);
            }
        }
        cholesky(a, parallelWork);
        double[][] m = inverseFactorTransposed(a);
        productOfTransposes(m);
        return m;
    }

    /** In-place Cholesky: the lower triangle of {@code a} becomes L (the upper part is left as is). */
    static void cholesky(double[][] a) {
        cholesky(a, PARALLEL_WORK);
    }

    static void cholesky(double[][] a, long parallelWork) {
        int n = a.length;
        for (int j = 0; j < n; j++) {
            double[] rj = a[j];
            double d = rj[j];
            for (int k = 0; k < j; k++) {
                d -= rj[k] * rj[k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            }
            double ljj = Math.sqrt(d);
            rj[j] = ljj;
            final int col = j;
            int below = n - j - 1;
            if ((long) below * j < parallelWork || Parallel.threads() == 1) {
                for (int i = j + 1; i < n; i++) {
                    a[i][col] = (a[i][col] - dot(a[i], rj, 0, col)) / ljj;
                }
            } else {
                Parallel.forRange(below, (chunk, from, to) -> {
                    for (int t = from; t < to; t++) {
                        double[] ri = a[col + 1 + t];
                        ri[col] = (ri[col] - dot(ri, rj, 0, col)) / ljj;
                    }
                });
            }
        }
    }

    /** Rows of the result are the columns of {@code L^-1}: {@code M_jk = (L^-1)_kj}, zero for k < j. */
    static double[][] inverseFactorTransposed(double[][] l) {
        int n = l.length;
        double[][] m = new double[n][n];
        roundRobin(n, j -> {
            double[] x = m[j];
            x[j] = 1.0 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                x[i] = -dot(l[i], x, j, i) / l[i][i];
            }
        });
        return m;
    }

    /** Replaces {@code m} (upper triangular, rows = columns of L^-1) by {@code M M^T}, the inverse. */
    static void productOfTransposes(double[][] m) {
        int n = m.length;
        // Row i of the result needs rows j >= i of M from column j on; computing row i only reads
        // rows >= i, so writing (i, j >= i) into a side buffer and mirroring afterwards keeps M intact.
        double[][] upper = new double[n][];
        roundRobin(n, i -> {
            double[] out = new double[n - i];
            double[] mi = m[i];
            for (int j = i; j < n; j++) {
                out[j - i] = dot(mi, m[j], j, n);
            }
            upper[i] = out;
        });
        for (int i = 0; i < n; i++) {
            double[] mi = m[i];
            double[] ui = upper[i];
            for (int j = i; j < n; j++) {
                mi[j] = ui[j - i];
            }
            upper[i] = null;
            for (int j = 0; j < i; j++) {
                mi[j] = m[j][i];
            }
        }
    }

    private static double dot(double[] x, double[] y, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    @FunctionalInterface
    private interface IndexBody {
        void run(int index);
    }

    /** Indices dealt round-robin to the workers, so triangular workloads stay balanced. */
    private static void roundRobin(int n, IndexBody body) {
        int workers = Math.min(n, Parallel.threads() * 4);
        if (workers <= 1) {
            for (int i = 0; i < n; i++) {
                body.run(i);
            }
            return;
        }
        Parallel.forRange(workers, (chunk, from, to) -> {
            for (int w = from; w < to; w++) {
                for (int i = w; i < n; i += workers) {
                    body.run(i);
                }
            }
        });
    }
}

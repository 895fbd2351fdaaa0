package org.movierec.math;

/**
 * In-place Cholesky factorization {@code A = L L^T} of a symmetric positive definite matrix and the
 * solve of {@code A x = b} by forward and back substitution (Golub and Van Loan, "Matrix
 * Computations", algorithm 4.2.1). Matrices are {@code n x n} row-major {@code double[]}; only the
 * upper triangle of the input is read, and {@code L^T} is written over it, so no scratch memory is
 * needed beyond the caller's arrays. Cost {@code n^3/6} multiply-adds for the factorization and
 * {@code n^2} for each solve.
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Factors in place: on return the upper triangle holds {@code R = L^T} with {@code A = R^T R}.
     *
     * @throws ArithmeticException if a pivot is not positive (the matrix is not positive definite)
     */
    public static void factorUpper(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = a[rj + j];
            for (int p = 0; p < j; p++) {
                double r = a[p * n + j];
                d -= r * r;
            }
            if (!(d > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            }
            double rjj = Math.sqrt(d);
            a[rj + j] = rjj;
            double inv = 1.0 / rjj;
            for (int c = j + 1; c < n; c++) {
                double s = a[rj + c];
                for (int p = 0; p < j; p++) {
                    s -= a[p * n + j] * a[p * n + c];
                }
                a[rj + c] = s * inv;
            }
        }
    }

    /**
     * Solves {@code R^T R x = b} with {@code R} from {@link #factorUpper}; {@code b} is overwritten
     * with {@code x}.
     */
    public static void solveFactored(double[] r, int n, double[] b) {
        // Forward: R^T y = b.
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= r[p * n + i] * b[p];
            }
            b[i] = s / r[i * n + i];
        }
        // Back: R x = y.
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            int ri = i * n;
            for (int c = i + 1; c < n; c++) {
                s -= r[ri + c] * b[c];
            }
            b[i] = s / r[ri + i];
        }
    }

    /** Solves {@code A x = b} for symmetric positive definite {@code A} (upper triangle read, then destroyed); {@code b} becomes {@code x}. */
    public static void solve(double[] a, int n, double[] b) {
        factorUpper(a, n);
        solveFactored(a, n, b);
    }
}

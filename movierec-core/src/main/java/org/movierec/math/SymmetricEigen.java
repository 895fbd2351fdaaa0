package org.movierec.math;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method (plane
 * rotations until the off-diagonal part vanishes to rounding), in double. Accurate to working
 * precision and orthonormal to about {@code 1e-15} whatever the spectrum; {@code O(n^3)} per sweep,
 * meant for a model's {@code k x k} factor covariance (k up to a few hundred), not for large matrices.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 60;

    private final int n;
    private final double[] values;
    private final double[] vectors;

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes {@code a = V^T diag(values) V}.
     *
     * @param a the matrix, row-major, {@code n x n}; not modified
     * @param n its order
     * @return the eigenvalues in descending order and the matching eigenvectors as rows
     * @throws IllegalArgumentException when {@code a} is not {@code n x n}, not symmetric, or not finite
     */
    public static SymmetricEigen of(double[] a, int n) {
        if (n < 0 || a.length != (long) n * n) {
            throw new IllegalArgumentException("SymmetricEigen: " + a.length + " entries for a " + n + " x " + n
                    + " matrix");
        }
        double[] m = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = m[i * n + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("SymmetricEigen: entry (" + i + ", " + j + ") is " + x);
                }
                if (j > i && Math.abs(x - m[j * n + i]) > 1e-9 * (Math.abs(x) + Math.abs(m[j * n + i]))) {
                    throw new IllegalArgumentException("SymmetricEigen: not symmetric at (" + i + ", " + j + "): " + x
                            + " vs " + m[j * n + i]);
                }
            }
        }
        // v holds the rotations so far, one eigenvector per column.
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p * n + p] * m[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p * n + q] * m[p * n + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) {
                        double rp = m[r * n + p];
                        double rq = m[r * n + q];
                        m[r * n + p] = c * rp - s * rq;
                        m[r * n + q] = s * rp + c * rq;
                    }
                    for (int r = 0; r < n; r++) {
                        double pr = m[p * n + r];
                        double qr = m[q * n + r];
                        m[p * n + r] = c * pr - s * qr;
                        m[q * n + r] = s * pr + c * qr;
                    }
                    for (int r = 0; r < n; r++) {
                        double rp = v[r * n + p];
                        double rq = v[r * n + q];
                        v[r * n + p] = c * rp - s * rq;
                        v[r * n + q] = s * rp + c * rq;
                    }
                }
            }
        }
        // Sort descending by eigenvalue (ties by position, so the result is deterministic).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y * n + y], m[x * n + x]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int r = 0; r < n; r++) {
            int c = order[r];
            values[r] = m[c * n + c];
            for (int i = 0; i < n; i++) {
                vectors[r * n + i] = v[i * n + c];
            }
        }
        return new SymmetricEigen(n, values, vectors);
    }

    /** The order of the matrix. */
    public int order() {
        return n;
    }

    /** The eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvector {@code r} (of {@code values()[r]}), unit length, as a fresh array. */
    public double[] vector(int r) {
        return java.util.Arrays.copyOfRange(vectors, r * n, (r + 1) * n);
    }
}

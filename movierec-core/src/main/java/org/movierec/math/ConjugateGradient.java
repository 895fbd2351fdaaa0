package org.movierec.math;

/**
 * A fixed number of conjugate gradient steps for a symmetric positive definite system
 * {@code A x = b}, starting from the {@code x} given (Hestenes and Stiefel 1952). With a warm start
 * from the previous epoch's factors, two or three steps per user are enough for implicit ALS
 * (Takács, Pilászy and Tikk, "Applications of the conjugate gradient method for implicit feedback
 * collaborative filtering", RecSys 2011), turning the {@code k^3} solve into {@code steps * cost(A p)}.
 *
 * <p>{@code A} is given only as an operator, so callers can apply it without forming it (iALS
 * applies {@code Y^T Y p + sum_i (c_i - 1) (y_i . p) y_i + lambda p}). Scratch vectors are passed in
 * so that a solver used once per user allocates nothing; instances are not thread-safe.
 */
public final class ConjugateGradient {
    /** {@code out = A x} for the first {@code n} entries. */
    @FunctionalInterface
    public interface Operator {
        void apply(double[] x, double[] out);
    }

    private final int n;
    private final double[] r;
    private final double[] p;
    private final double[] ap;

    /** A solver for systems of dimension {@code n} with its own scratch vectors. */
    public ConjugateGradient(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + n);
        }
        this.n = n;
        r = new double[n];
        p = new double[n];
        ap = new double[n];
    }

    /**
     * Runs up to {@code steps} iterations, updating {@code x} in place; stops early when the squared
     * residual norm falls to {@code tolerance}. Returns the final squared residual norm.
     */
    public double solve(Operator a, double[] b, double[] x, int steps, double tolerance) {
        a.apply(x, ap);
        for (int f = 0; f < n; f++) {
            r[f] = b[f] - ap[f];
            p[f] = r[f];
        }
        double rr = Kernels.dot(r, 0, r, 0, n);
        for (int s = 0; s < steps && rr > tolerance; s++) {
            a.apply(p, ap);
            double pap = Kernels.dot(p, 0, ap, 0, n);
            if (!(pap > 0)) {
                break; // exact solution reached or A not positive definite along p
            }
            double alpha = rr / pap;
            Kernels.axpy(alpha, p, 0, x, 0, n);
            Kernels.axpy(-alpha, ap, 0, r, 0, n);
            double rrNew = Kernels.dot(r, 0, r, 0, n);
            double beta = rrNew / rr;
            for (int f = 0; f < n; f++) {
                p[f] = r[f] + beta * p[f];
            }
            rr = rrNew;
        }
        return rr;
    }
}

package org.movierec.eval;

import java.util.Arrays;

/**
 * Paired significance tests of two algorithms' per-user metric values: the paired t-test and the
 * Wilcoxon signed-rank test, both two-sided, with the distribution functions they need (Student's t
 * through the regularized incomplete beta function, the normal through the complementary error
 * function). No library: the few functions are short and tested against published values.
 *
 * <p><b>Paired t-test.</b> With differences {@code d_j = b_j - a_j}, {@code n} pairs, mean {@code m}
 * and sample standard deviation {@code s} ({@code n - 1} in the denominator),
 * {@code t = m / (s / sqrt(n))} with {@code n - 1} degrees of freedom, and
 * {@code p = P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2)}. When every difference is equal
 * ({@code s = 0}): p = 1 if they are all 0, else 0. Fewer than two pairs: p is NaN.
 *
 * <p><b>Wilcoxon signed-rank test</b> (Wilcoxon 1945; zeros handled as Wilcoxon did, and as R's
 * {@code wilcox.test} and scipy's default {@code zero_method="wilcox"}): zero differences are dropped;
 * the remaining {@code n} absolute differences are ranked 1..n, tied values getting the mean of their
 * ranks; {@code W+} is the sum of the ranks of the positive differences.
 * <ul>
 * <li>Exact when {@code n <= 50} and no absolute differences tie: the null distribution of {@code W+}
 * (every sign equally likely) is counted by dynamic programming, and
 * {@code p = min(1, 2 min(P(W+ <= w), P(W+ >= w)))}.</li>
 * <li>Otherwise the normal approximation with the tie correction:
 * {@code E = n(n+1)/4}, {@code Var = n(n+1)(2n+1)/24 - sum_g (t_g^3 - t_g)/48} over groups of
 * {@code t_g} tied values, {@code z = (W+ - E)/sqrt(Var)}, {@code p = erfc(|z|/sqrt 2)}, without a
 * continuity correction (scipy's default; R corrects by 0.5).</li>
 * <li>No non-zero difference: p = 1.</li>
 * </ul>
 */
public final class Significance {
    /** Largest number of non-zero differences for which the exact Wilcoxon distribution is used. */
    public static final int WILCOXON_EXACT_MAX = 50;

    private Significance() {
    }

    /**
     * The result of a paired t-test ({@link #pairedT}).
     *
     * @param n        pairs
     * @param meanDiff mean of {@code b - a}
     * @param t        the t statistic (infinite when all differences are equal and non-zero, NaN for {@code n < 2})
     * @param df       degrees of freedom, {@code n - 1}
     * @param p        two-sided p-value
     */
    public record TTest(int n, double meanDiff, double t, int df, double p) {
    }

    /**
     * The result of a Wilcoxon signed-rank test ({@link #wilcoxon}).
     *
     * @param n     non-zero differences (the pairs the test uses)
     * @param zeros zero differences dropped
     * @param wPlus sum of the ranks of the positive differences
     * @param z     the normal statistic (NaN when the exact distribution was used)
     * @param p     two-sided p-value
     * @param exact whether p comes from the exact distribution
     */
    public record WilcoxonTest(int n, int zeros, double wPlus, double z, double p, boolean exact) {
    }

    /**
     * The paired t-test of {@code b - a} (see the class comment).
     *
     * @param a the first algorithm's values, one per pair; no NaN
     * @param b the second algorithm's values, paired with {@code a} by position; no NaN
     * @return the test: mean difference, t statistic, degrees of freedom and two-sided p-value in [0, 1]
     *         (p NaN for fewer than two pairs; mean NaN for none)
     * @throws IllegalArgumentException when the arrays differ in length or hold a NaN (naming its position)
     * @throws NullPointerException     when an array is null
     */
    public static TTest pairedT(double[] a, double[] b) {
        check(a, b);
        int n = a.length;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += b[j] - a[j];
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        if (n < 2) {
            return new TTest(n, mean, Double.NaN, n - 1, Double.NaN);
        }
        double ss = 0;
        for (int j = 0; j < n; j++) {
            double e = b[j] - a[j] - mean;
            ss += e * e;
        }
        double sd = Math.sqrt(ss / (n - 1));
        int df = n - 1;
        if (sd == 0 || sd <= 1e-14 * Math.abs(mean)) {
            boolean allZero = true;
            for (int j = 0; j < n && allZero; j++) {
                allZero = b[j] - a[j] == 0;
            }
            return allZero ? new TTest(n, 0, 0, df, 1)
                    : new TTest(n, mean, Math.copySign(Double.POSITIVE_INFINITY, mean), df, 0);
        }
        double t = mean / (sd / Math.sqrt(n));
        return new TTest(n, mean, t, df, studentTTwoSided(t, df));
    }

    /**
     * The Wilcoxon signed-rank test of {@code b - a} (see the class comment).
     *
     * @param a the first algorithm's values, one per pair; no NaN
     * @param b the second algorithm's values, paired with {@code a} by position; no NaN
     * @return the test: the non-zero and zero differences, {@code W+}, the normal statistic and the
     *         two-sided p-value in [0, 1] (1 when no difference is non-zero), exact or approximate
     * @throws IllegalArgumentException when the arrays differ in length or hold a NaN (naming its position)
     * @throws NullPointerException     when an array is null
     */
    public static WilcoxonTest wilcoxon(double[] a, double[] b) {
        check(a, b);
        double[] abs = new double[a.length];
        boolean[] positive = new boolean[a.length];
        int n = 0;
        for (int j = 0; j < a.length; j++) {
            double d = b[j] - a[j];
            if (d != 0) {
                abs[n] = Math.abs(d);
                positive[n] = d > 0;
                n++;
            }
        }
        int zeros = a.length - n;
        if (n == 0) {
            return new WilcoxonTest(0, zeros, 0, Double.NaN, 1, false);
        }
        // Rank |d| with mid-ranks for ties: sort a copy of the absolute values, give each run of equal
        // values the mean of its ranks, then look each positive difference's rank up by binary search.
        double[] sorted = Arrays.copyOf(abs, n);
        Arrays.sort(sorted);
        double[] groupValue = new double[n];
        double[] groupRank = new double[n];
        int groups = 0;
        double tieTerm = 0;
        boolean ties = false;
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && sorted[end] == sorted[start]) {
                end++;
            }
            int t = end - start;
            groupValue[groups] = sorted[start];
            groupRank[groups] = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            groups++;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            start = end;
        }
        double wPlus = 0;
        for (int j = 0; j < n; j++) {
            if (positive[j]) {
                wPlus += groupRank[Arrays.binarySearch(groupValue, 0, groups, abs[j])];
            }
        }
        if (!ties && n <= WILCOXON_EXACT_MAX) {
            return new WilcoxonTest(n, zeros, wPlus, Double.NaN, wilcoxonExactTwoSided((int) Math.round(wPlus), n),
                    true);
        }
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1.0) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (!(var > 0)) {
            return new WilcoxonTest(n, zeros, wPlus, Double.NaN, 1, false);
        }
        double z = (wPlus - mean) / Math.sqrt(var);
        return new WilcoxonTest(n, zeros, wPlus, z, normalTwoSided(z), false);
    }

    /**
     * Two-sided exact p-value of {@code W+ = w} for {@code n} untied non-zero differences: the number
     * of subsets of {1..n} with each rank sum, counted by dynamic programming (as doubles: exact up to
     * 2^53, and {@code n <= 50} gives at most 2^50 subsets), over 2^n.
     */
    static double wilcoxonExactTwoSided(int w, int n) {
        int max = n * (n + 1) / 2;
        double[] count = new double[max + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int s = r * (r + 1) / 2; s >= r; s--) {
                count[s] += count[s - r];
            }
        }
        double total = Math.pow(2, n);
        double lower = 0;
        for (int s = 0; s <= w; s++) {
            lower += count[s];
        }
        double upper = 0;
        for (int s = w; s <= max; s++) {
            upper += count[s];
        }
        return Math.min(1, 2 * Math.min(lower, upper) / total);
    }

    /**
     * {@code P(|T| >= |t|)} for Student's t with {@code df} degrees of freedom.
     *
     * @param t  the t statistic; infinite gives 0
     * @param df the degrees of freedom, above 0 (need not be whole)
     * @return the two-sided p-value in [0, 1]; NaN when {@code t} is NaN or {@code df <= 0}
     */
    public static double studentTTwoSided(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /**
     * {@code P(|Z| >= |z|)} for the standard normal.
     *
     * @param z the z statistic
     * @return the two-sided p-value in [0, 1]; NaN when {@code z} is NaN
     */
    public static double normalTwoSided(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * The complementary error function, {@code erfc(x) = Q(1/2, x^2)} for {@code x >= 0}, {@code 2 - erfc(-x)} below.
     *
     * @param x any value
     * @return {@code erfc(x)}, in [0, 2]; NaN when {@code x} is NaN
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        return regularizedGammaQ(0.5, x * x);
    }

    /**
     * {@code ln Gamma(x)} for {@code x > 0} (Lanczos, g = 7, 9 terms; relative error about 1e-15).
     *
     * @param x the argument, above 0 (values below 0.5 go through the reflection formula)
     * @return {@code ln Gamma(x)}
     */
    public static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /**
     * The regularized incomplete beta function {@code I_x(a, b)}, by its continued fraction (modified
     * Lentz; Numerical Recipes 6.4), using the symmetry {@code I_x(a,b) = 1 - I_{1-x}(b,a)} where the
     * fraction converges faster.
     *
     * @param x the upper limit, in [0, 1]
     * @param a the first shape parameter, above 0
     * @param b the second shape parameter, above 0
     * @return {@code I_x(a, b)} in [0, 1]; NaN when an argument is out of range or NaN
     */
    public static double regularizedBeta(double x, double a, double b) {
        if (Double.isNaN(x) || x < 0 || x > 1 || !(a > 0) || !(b > 0)) {
            return Double.NaN;
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * betaFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        final double eps = 1e-16;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < tiny) {
            d = tiny;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < eps) {
                return h;
            }
        }
        return h; // not reached for the arguments the tests use (a, b > 0, x in (0, 1))
    }

    /**
     * The regularized upper incomplete gamma function {@code Q(a, x) = Gamma(a, x) / Gamma(a)}: the
     * series of P for {@code x < a + 1}, else the continued fraction (Numerical Recipes 6.2).
     *
     * @param a the shape parameter, above 0
     * @param x the lower limit of the integral, at least 0
     * @return {@code Q(a, x)} in [0, 1] (1 at {@code x = 0}); NaN when an argument is out of range or NaN
     */
    public static double regularizedGammaQ(double a, double x) {
        if (Double.isNaN(x) || x < 0 || !(a > 0)) {
            return Double.NaN;
        }
        if (x == 0) {
            return 1;
        }
        double lnFront = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double ap = a;
            double sum = 1 / a;
            double del = sum;
            for (int n = 1; n <= 10_000; n++) {
                ap += 1;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return 1 - sum * Math.exp(lnFront);
        }
        final double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i <= 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnFront) * h;
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        for (int j = 0; j < a.length; j++) {
            if (Double.isNaN(a[j]) || Double.isNaN(b[j])) {
                throw new IllegalArgumentException("paired samples contain NaN at position " + j);
            }
        }
    }
}

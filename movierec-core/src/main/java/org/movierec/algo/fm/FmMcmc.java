package org.movierec.algo.fm;

import java.util.SplittableRandom;
import org.movierec.model.Training;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Bayesian factorization machine trained by Gibbs sampling, as in libFM's MCMC learner
 * (C. Freudenthaler, L. Schmidt-Thieme, S. Rendle, "Bayesian Factorization Machines", NIPS
 * workshop 2011; S. Rendle, "Factorization Machines with libFM", TIST 2012, section 4.3).
 *
 * <p>Likelihood {@code y ~ N(y(x), 1/alpha)}; priors {@code w_j ~ N(mu_w^g, 1/lambda_w^g)},
 * {@code v_jf ~ N(mu_v^{g,f}, 1/lambda_v^{g,f})} per feature group {@code g} (here: the
 * {@link org.movierec.feature.FeatureSpace.Block} of the feature), flat prior on {@code w0};
 * hyperpriors {@code alpha, lambda ~ Gamma((a0)/2, (b0)/2)} with {@code a0 = b0 = 1} and
 * {@code mu ~ N(mu0 = 0, 1/(gamma0 lambda))}, {@code gamma0 = 1}.
 *
 * <p>Every model parameter {@code theta} enters the prediction linearly,
 * {@code y(x_i) = g_i + theta h_i} (for {@code v_jf}: {@code h_i = x_ij (q_if - v_jf x_ij)} with
 * {@code q_if = sum_l v_lf x_il}), so its full conditional is normal with precision
 * {@code alpha sum_i h_i^2 + lambda} and mean {@code (alpha sum_i (y_i - g_i) h_i + mu lambda) / precision}.
 * The sampler keeps the residuals {@code e_i = y_i - y(x_i)} and, per factor column f, the sums
 * {@code q_if}, and updates both after each draw, so a sweep costs O(k nnz) and visits each
 * parameter's examples through the CSC columns. Features never active in training keep 0.
 *
 * <p>The draws are sequential (each conditions on the previous ones) from one {@link SplittableRandom},
 * which makes the chain reproducible for a seed; the passes without draws (the sums {@code q_if} per
 * row, the per-user sums of {@link FmImplicit}) are independent per row or user and run in parallel.
 */
final class FmMcmc {
    private static final double ALPHA0 = 1;
    private static final double BETA0 = 1;
    private static final double GAMMA0 = 1;
    private static final double MU0 = 0;

    private FmMcmc() {
    }

    /**
     * The implicit block handled per user ({@link FmImplicit}) instead of in the rows, with the
     * predictions of the initial state (which the rows alone cannot give) and the items of the rows.
     */
    record Implicit(FmImplicit block, int group, double[] initialPredictions, int[] rowItems) {
    }

    /** Receives each post-burn-in sample. */
    interface SampleSink {
        void accept(FmParams sample);
    }

    /**
     * Runs {@code burnIn + samples} sweeps from the state in {@code m} and hands every sweep after
     * the burn-in to {@code sink}.
     *
     * @param group     feature -> group index (0..groups-1)
     */
    static void run(FmData data, FmParams m, int[] group, int groups, boolean[] active, Implicit imp, int burnIn,
                    int samples, SplittableRandom rnd, SampleSink sink, ProgressListener progress) {
        int n = data.rows;
        int d = data.dimension;
        int k = m.k;
        double[] e = new double[n];
        double[] q = new double[n];
        for (int r = 0; r < n; r++) {
            double pred = imp != null ? imp.initialPredictions[r]
                    : m.predict(data.rowIdx, data.rowVal, data.rowStart[r], data.rowStart[r + 1], null);
            e[r] = data.target[r] - pred;
        }
        int[] groupSize = new int[groups];
        for (int j = 0; j < d; j++) {
            if (active[j]) {
                groupSize[group[j]]++;
            }
        }
        double[] muW = new double[groups];
        double[] lamW = new double[groups];
        double[] muV = new double[groups * k];
        double[] lamV = new double[groups * k];
        java.util.Arrays.fill(lamW, 1);
        java.util.Arrays.fill(lamV, 1);
        double[] sum = new double[groups];
        double[] sumSq = new double[groups];
        int total = burnIn + samples;
        progress.start("fm mcmc", total);
        for (int it = 0; it < total; it++) {
            // Noise precision alpha.
            double se = 0;
            for (int r = 0; r < n; r++) {
                se += e[r] * e[r];
            }
            double alpha = gamma(rnd, (ALPHA0 + n) / 2, (BETA0 + se) / 2);

            // Hyperparameters of w, then of each factor column of v, per group.
            hyper(m.w, 1, 0, group, groups, active, groupSize, muW, lamW, 0, sum, sumSq, rnd);
            for (int f = 0; f < k; f++) {
                hyper(m.v, k, f, group, groups, active, groupSize, muV, lamV, f, sum, sumSq, rnd);
            }

            // Global bias (flat prior): h_i = 1.
            if (n > 0) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += e[r] + m.w0;
                }
                double prec = alpha * n;
                double w0 = s * alpha / prec + rnd.nextGaussian() / Math.sqrt(prec);
                double delta = w0 - m.w0;
                m.w0 = w0;
                for (int r = 0; r < n; r++) {
                    e[r] -= delta;
                }
            }

            // Linear weights: h_i = x_ij.
            for (int j = 0; j < d; j++) {
                if (data.count(j) == 0) {
                    continue;
                }
                double old = m.w[j];
                double hh = 0;
                double eh = 0;
                for (int c = data.colStart[j]; c < data.colStart[j + 1]; c++) {
                    double x = data.colVal[c];
                    hh += x * x;
                    eh += (e[data.colRow[c]] + old * x) * x;
                }
                int g = group[j];
                double prec = alpha * hh + lamW[g];
                double mean = (alpha * eh + muW[g] * lamW[g]) / prec;
                float nw = (float) (mean + rnd.nextGaussian() / Math.sqrt(prec));
                double delta = nw - old;
                m.w[j] = nw;
                for (int c = data.colStart[j]; c < data.colStart[j + 1]; c++) {
                    e[data.colRow[c]] -= delta * data.colVal[c];
                }
            }
            if (imp != null) {
                int g = imp.group();
                imp.block().sampleW(m, e, alpha, muW[g], lamW[g], rnd);
            }

            // Factors, one column f at a time: h_i = x_ij (q_if - v_jf x_ij).
            for (int f = 0; f < k; f++) {
                final int col = f;
                // Rows are independent here, so this pass runs on all cores with identical results.
                Parallel.forRange(n, (chunk, from, to) -> {
                    for (int r = from; r < to; r++) {
                        double s = 0;
                        for (int p = data.rowStart[r]; p < data.rowStart[r + 1]; p++) {
                            s += m.v[data.rowIdx[p] * k + col] * data.rowVal[p];
                        }
                        q[r] = s;
                    }
                });
                if (imp != null) {
                    imp.block().addQ(m, f, q, imp.rowItems());
                }
                for (int j = 0; j < d; j++) {
                    if (data.count(j) == 0) {
                        continue;
                    }
                    double old = m.v[j * k + f];
                    double hh = 0;
                    double eh = 0;
                    for (int c = data.colStart[j]; c < data.colStart[j + 1]; c++) {
                        int r = data.colRow[c];
                        double x = data.colVal[c];
                        double h = x * (q[r] - old * x);
                        hh += h * h;
                        eh += (e[r] + old * h) * h;
                    }
                    int g = group[j] * k + f;
                    double prec = alpha * hh + lamV[g];
                    double mean = (alpha * eh + muV[g] * lamV[g]) / prec;
                    float nv = (float) (mean + rnd.nextGaussian() / Math.sqrt(prec));
                    double delta = nv - old;
                    m.v[j * k + f] = nv;
                    for (int c = data.colStart[j]; c < data.colStart[j + 1]; c++) {
                        int r = data.colRow[c];
                        double x = data.colVal[c];
                        e[r] -= delta * x * (q[r] - old * x);
                        q[r] += delta * x;
                    }
                }
                if (imp != null) {
                    int g = imp.group() * k + f;
                    imp.block().sampleV(m, f, e, q, alpha, muV[g], lamV[g], rnd);
                }
            }
            if (it >= burnIn) {
                sink.accept(m);
            }
            progress.advance(1);
            // The training RMSE of the current sample, from the residuals the sweep keeps anyway: O(n).
            double s2 = 0;
            for (int r = 0; r < n; r++) {
                s2 += e[r] * e[r];
            }
            double trainRmse = Math.sqrt(s2 / Math.max(1, n));
            if ((it + 1) % 10 == 0) {
                progress.message(String.format("sweep %d train rmse of the current sample %.4f", it + 1, trainRmse));
            }
            Training.endEpoch(progress, it + 1, trainRmse, Double.NaN);
        }
        progress.done();
    }

    /**
     * Draws {@code mu ~ N((sum theta + gamma0 mu0)/(p + gamma0), 1/((p + gamma0) lambda))}, then
     * {@code lambda ~ Gamma((a0 + p + 1)/2, (b0 + sum (theta - mu)^2 + gamma0 (mu - mu0)^2)/2)} for
     * every group, over the active features' parameters {@code theta_j = a[j*stride + col]}.
     */
    private static void hyper(float[] a, int stride, int col, int[] group, int groups, boolean[] active,
                              int[] groupSize, double[] mu, double[] lambda, int hcol, double[] sum,
                              double[] sumSq, SplittableRandom rnd) {
        int k = mu.length / groups;
        java.util.Arrays.fill(sum, 0);
        for (int j = 0; j < group.length; j++) {
            if (active[j]) {
                sum[group[j]] += a[j * stride + col];
            }
        }
        for (int g = 0; g < groups; g++) {
            if (groupSize[g] == 0) {
                continue;
            }
            int h = g * k + hcol;
            double prec = (groupSize[g] + GAMMA0) * lambda[h];
            mu[h] = (sum[g] + GAMMA0 * MU0) / (groupSize[g] + GAMMA0) + rnd.nextGaussian() / Math.sqrt(prec);
        }
        java.util.Arrays.fill(sumSq, 0);
        for (int j = 0; j < group.length; j++) {
            if (active[j]) {
                double t = a[j * stride + col] - mu[group[j] * k + hcol];
                sumSq[group[j]] += t * t;
            }
        }
        for (int g = 0; g < groups; g++) {
            if (groupSize[g] == 0) {
                continue;
            }
            int h = g * k + hcol;
            double dm = mu[h] - MU0;
            lambda[h] = gamma(rnd, (ALPHA0 + groupSize[g] + 1) / 2, (BETA0 + sumSq[g] + GAMMA0 * dm * dm) / 2);
        }
    }

    /**
     * A Gamma(shape, rate) draw by Marsaglia and Tsang's squeeze method ("A simple method for
     * generating gamma variables", ACM TOMS 2000), with the {@code U^(1/shape)} boost below shape 1.
     */
    static double gamma(SplittableRandom rnd, double shape, double rate) {
        if (shape < 1) {
            return gamma(rnd, shape + 1, rate) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double dd = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double x = rnd.nextGaussian();
            double t = 1 + c * x;
            if (t <= 0) {
                continue;
            }
            double v = t * t * t;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) {
                return dd * v / rate;
            }
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.math.Cholesky;
import org.movierec.math.ConjugateGradient;
import org.movierec.math.Kernels;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.Provenance;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Implicit-feedback ALS (Y. Hu, Y. Koren, C. Volinsky, "Collaborative filtering for implicit
 * feedback datasets", ICDM 2008) solved with a few conjugate gradient steps per row (G. Takács,
 * I. Pilászy, D. Tikk, "Applications of the conjugate gradient method for implicit feedback
 * collaborative filtering", RecSys 2011), with optional popularity-weighted missing data (X. He et
 * al., "Fast matrix factorization for online recommendation with implicit feedback", SIGIR 2016).
 *
 * <p>Every rating with {@code r >= positiveThreshold} that is not a dislike is a positive ({@code p_ui = 1}).
 * A dislike (a rating below the middle of the scale, 1 or 2 of 5, see
 * {@link org.movierec.data.RatingScale#dislikeBelow}) is {@code p_ui = 0} held with extra confidence
 * {@code alpha (2 dislikeBelow - r)} (1 star like a 5, 2 like a 4; ratings in between are missing entries,
 * {@code p_ui = 0} with confidence {@code w_i}), so a dislike lowers the movies that go with it; on ML-100k u1
 * this moved NDCG@10 from 0.4738 to 0.4729. Threshold 0 keeps every rating but the dislikes. On ML-100k
 * top-N (relevance = rating >= 4) the best
 * validation setting kept ratings >= 3 as positives with rating-proportional confidence; keeping
 * only 4s and 5s, or all ratings with flat confidence, was slightly worse. Weights:
 *
 * <pre>
 *   missing entry (u,i):  w_i = n_i^e / mean_j n_j^e        (e = popularityExponent; e = 0 gives w_i = 1)
 *   positive (u,i):       c_ui = w_i + alpha * v_ui,  v_ui = r_ui if ratingWeighted else 1
 *   dislike (u,i):        c_ui = w_i + alpha * v_ui,  v_ui = 2 dislikeBelow - r_ui if ratingWeighted else 1, p_ui = 0
 *   minimize  sum_{u,i} weight_ui (p_ui - x_u . y_i)^2 + sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2
 *   lambda_t = lambda * (W_t / N)^nu,  W_t = total weight of row t's entries, N = size of the other side
 * </pre>
 *
 * {@code nu = regExponent = 0} is plain L2; {@code nu = 1} is the frequency-scaled regularization of
 * S. Rendle et al., "Revisiting the performance of iALS on item recommendation benchmarks" (RecSys
 * 2022), whose {@code (|I_u| + alpha_0 |I|)} is {@code W_t} up to a constant factor.
 *
 * With {@code e = 0} and {@code ratingWeighted} this is exactly Hu et al.'s {@code c = 1 + alpha r}.
 * The user system is {@code (Y^T W Y + sum_{i in R(u)} alpha v_ui y_i y_i^T + lambda I) x_u =
 * sum_{i in R(u)} c_ui y_i}; the weighted Gram {@code Y^T W Y} is the same for every user, so it is
 * computed once per half-step (the "Y^T Y trick") and the per-user work is proportional to the user's
 * positives only. The item system is the same with {@code w_i X^T X}.
 *
 * <p>Rows are solved by {@code cgSteps} conjugate gradient steps warm-started from the previous
 * factors, applying the matrix without forming it: {@code cgSteps (k^2 + 2 n_u k)} per user instead of
 * {@code n_u k^2 / 2 + k^3 / 6}. {@code cgSteps = 0} forms the matrix and solves exactly by Cholesky
 * (the reference the CG path is tested against). Half-steps are parallel over rows with
 * {@link Parallel}; each row depends only on the fixed side, and the Gram matrix is summed per chunk
 * and combined in chunk order, so results do not depend on thread timing.
 */
public final class ImplicitAls implements Trainer<FactorModel> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "ials";

    /**
     * @param factors            latent dimension k
     * @param alpha              confidence slope
     * @param lambda             L2 regularization
     * @param regExponent        frequency scaling {@code nu} of the regularization (0 = constant lambda)
     * @param iterations         epochs (a user half-step then an item half-step)
     * @param cgSteps            conjugate gradient steps per row and half-step; 0 solves exactly by Cholesky
     * @param popularityExponent exponent {@code e} of the missing-data weights {@code w_i ~ n_i^e}
     * @param ratingWeighted     confidence grows with the rating value ({@code v = r}) instead of {@code v = 1}
     * @param positiveThreshold  ratings below it are not positives (0 keeps all but the dislikes)
     * @param initStd            standard deviation of the initial factors
     * @param seed               seed of the initial factors
     */
    public record Config(int factors, float alpha, float lambda, float regExponent, int iterations, int cgSteps,
                         float popularityExponent, boolean ratingWeighted, float positiveThreshold, float initStd,
                         long seed) {
        /**
         * Tuned on a seeded 20% validation split of ML-100k u1.base for NDCG@10 over alpha, lambda,
         * thresholds, confidence shape, factors, epochs and the popularity and regularization exponents.
         */
        public static final Config DEFAULTS = new Config(64, 1.2f, 45f, 0f, 15, 3, 0f, true, 3f, 0.01f, 42);

        public Config {
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(alpha > 0) || Float.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a positive finite number, got " + alpha);
            }
            if (!(lambda > 0) || Float.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be a positive finite number, got " + lambda);
            }
            if (!(regExponent >= 0) || regExponent > 2) {
                throw new IllegalArgumentException("regExponent must be in 0..2, got " + regExponent);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            if (cgSteps < 0) {
                throw new IllegalArgumentException("cgSteps must be >= 0 (0 = exact Cholesky), got " + cgSteps);
            }
            if (!(popularityExponent >= -2) || popularityExponent > 2) {
                throw new IllegalArgumentException("popularityExponent must be in -2..2, got " + popularityExponent);
            }
            if (!(positiveThreshold >= 0) || Float.isInfinite(positiveThreshold)) {
                throw new IllegalArgumentException("positiveThreshold must be >= 0 and finite, got " + positiveThreshold);
            }
            if (!(initStd >= 0) || Float.isInfinite(initStd)) {
                throw new IllegalArgumentException("initStd must be >= 0 and finite, got " + initStd);
            }
        }

        public Config with(int factors, float alpha, float lambda, int iterations, int cgSteps) {
            return new Config(factors, alpha, lambda, regExponent, iterations, cgSteps, popularityExponent,
                    ratingWeighted, positiveThreshold, initStd, seed);
        }

        public Config withRegExponent(float nu) {
            return new Config(factors, alpha, lambda, nu, iterations, cgSteps, popularityExponent, ratingWeighted,
                    positiveThreshold, initStd, seed);
        }

        public Config withWeighting(float popularityExponent, boolean ratingWeighted, float positiveThreshold) {
            return new Config(factors, alpha, lambda, regExponent, iterations, cgSteps, popularityExponent,
                    ratingWeighted, positiveThreshold, initStd, seed);
        }

        public Config withSeed(long s) {
            return new Config(factors, alpha, lambda, regExponent, iterations, cgSteps, popularityExponent,
                    ratingWeighted, positiveThreshold, initStd, s);
        }
    }

    private final Config config;

    public ImplicitAls() {
        this(Config.DEFAULTS);
    }

    public ImplicitAls(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public FactorModel fit(Dataset train, Dataset validation, ProgressListener progress) {
        // Implicit feedback (counts, weights): every interaction is a positive and none is a dislike.
        float dislikeBelow = train.dislikeBelow();
        float positiveThreshold = train.isImplicit() ? 0f : config.positiveThreshold();
        float threshold = Math.max(positiveThreshold, dislikeBelow);
        float[] w = missingWeights(positives(train.interactions(), threshold).itemCounts(), config.popularityExponent());
        Interactions in = entries(train.interactions(), threshold, dislikeBelow);
        float[] vals = values(in.ratingsArray(), threshold, dislikeBelow);
        int k = config.factors();
        int nu = in.numUsers();
        int ni = in.numItems();
        float[] itemF = LatentMath.gaussian(ni * k, config.initStd(), new SplittableRandom(config.seed()));
        float[] userF = LatentMath.gaussian(nu * k, config.initStd(),
                new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L));
        float[] ones = new float[nu];
        Arrays.fill(ones, 1f);
        Interactions.ItemView byItem = in.byItem();
        Solver solver = new Solver(k, config.alpha(), config.lambda(), config.regExponent(), config.ratingWeighted(),
                config.cgSteps());
        progress.start("ials", config.iterations());
        for (int it = 0; it < config.iterations(); it++) {
            double[] gi = gram(itemF, w, k);
            solver.halfStep(nu, in.userOffsetsArray(), null, in.itemsArray(), vals, itemF, gi, w, false, userF);
            double[] gu = gram(userF, null, k);
            solver.halfStep(ni, byItem.offsetsArray(), byItem.positionsArray(), in.usersArray(), vals, userF, gu, w,
                    true, itemF);
            progress.advance(1);
            Training.endEpoch(progress, it + 1);
        }
        progress.done();
        return model(Provenance.untrained(name(), config, config.seed()), k, config.alpha(), config.lambda(),
                config.regExponent(), config.ratingWeighted(), positiveThreshold, w, userF, itemF,
                dislikeBelow);
    }

    /** The positives ({@code r >= threshold}) and the dislikes ({@code r < dislikeBelow}); the rest is missing. */
    static Interactions entries(Interactions in, float threshold, float dislikeBelow) {
        float[] r = in.ratingsArray();
        int[] pos = new int[r.length];
        int n = 0;
        for (int p = 0; p < r.length; p++) {
            if (r[p] >= threshold || r[p] < dislikeBelow) {
                pos[n++] = p;
            }
        }
        return n == r.length ? in : in.select(Arrays.copyOf(pos, n));
    }

    /**
     * The solver's value of each entry: the rating for a positive ({@code p_ui = 1}, confidence slope
     * {@code alpha r} or {@code alpha}), and for a dislike the negative of its confidence multiplier
     * {@code 2 dislikeBelow - r} (the rating mirrored about the middle of the scale: 1 star weighs like
     * a 5, 2 stars like a 4): a dislike is {@code p_ui = 0} held with that confidence, not a missing entry.
     */
    static float[] values(float[] ratings, float threshold, float dislikeBelow) {
        float[] v = new float[ratings.length];
        for (int p = 0; p < v.length; p++) {
            float r = ratings[p];
            v[p] = r >= threshold ? r : -(2 * dislikeBelow - r);
        }
        return v;
    }

    /** The ratings with {@code r >= threshold} (all of them for threshold 0). */
    static Interactions positives(Interactions in, float threshold) {
        if (threshold <= 0) {
            return in;
        }
        float[] r = in.ratingsArray();
        int n = 0;
        for (float v : r) {
            if (v >= threshold) {
                n++;
            }
        }
        int[] pos = new int[n];
        n = 0;
        for (int p = 0; p < r.length; p++) {
            if (r[p] >= threshold) {
                pos[n++] = p;
            }
        }
        return in.select(pos);
    }

    /** {@code w_i = (n_i + 1)^e / mean_j (n_j + 1)^e}; all ones for {@code e = 0}. */
    static float[] missingWeights(int[] counts, float e) {
        float[] w = new float[counts.length];
        if (e == 0) {
            Arrays.fill(w, 1f);
            return w;
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            double v = Math.pow(counts[i] + 1.0, e);
            w[i] = (float) v;
            sum += v;
        }
        double mean = sum / Math.max(1, counts.length);
        for (int i = 0; i < w.length; i++) {
            w[i] = mean > 0 ? (float) (w[i] / mean) : 1f;
        }
        return w;
    }

    /** Fixed number of row blocks of the Gram sum, independent of the thread count. */
    private static final int GRAM_BLOCKS = 64;

    /**
     * {@code sum_r weight_r f_r f_r^T} over all rows (weight 1 when {@code weights} is null), full
     * symmetric {@code k x k} in double. The rows are cut into {@value #GRAM_BLOCKS} fixed blocks whose
     * sums are computed in parallel and added in block order, so the result is bit-identical whatever
     * the thread count or timing. Within a block, float rank-1 updates over runs of 256 rows are
     * flushed into a double sum: SIMD speed without float rounding building up over many rows.
     */
    static double[] gram(float[] f, float[] weights, int k) {
        int n = f.length / k;
        int blocks = Math.max(1, Math.min(n, GRAM_BLOCKS));
        double[][] part = new double[blocks][];
        Parallel.forRange(blocks, (c, fromBlock, toBlock) -> {
            float[] g = new float[k * k];
            float[] row = new float[k];
            for (int blk = fromBlock; blk < toBlock; blk++) {
                double[] acc = new double[k * k];
                int from = Parallel.bound(n, blocks, blk);
                int to = Parallel.bound(n, blocks, blk + 1);
                for (int b = from; b < to; b += 256) {
                    int e = Math.min(to, b + 256);
                    Arrays.fill(g, 0f);
                    for (int r = b; r < e; r++) {
                        System.arraycopy(f, r * k, row, 0, k);
                        Kernels.rank1Upper(g, row, weights == null ? 1f : weights[r], k);
                    }
                    for (int x = 0; x < g.length; x++) {
                        acc[x] += g[x];
                    }
                }
                part[blk] = acc;
            }
        });
        double[] g = new double[k * k];
        for (double[] p : part) {
            for (int x = 0; x < g.length; x++) {
                g[x] += p[x];
            }
        }
        Kernels.mirrorUpper(g, k);
        return g;
    }

    /**
     * Solves the rows of one side. The system of row {@code t} with entries {@code e} (other side
     * {@code o}, confidence {@code alpha v}) is {@code (s G + sum_e alpha v_e f_o f_o^T + lambda I) x =
     * sum_e (w + alpha v_e) f_o}, where on the user side {@code s = 1} and {@code w = w_o}, and on the
     * item side {@code s = w = w_t}.
     */
    static final class Solver {
        final int k;
        final float alpha;
        final float lambda;
        final float regExponent;
        final boolean ratingWeighted;
        final int cgSteps;

        Solver(int k, float alpha, float lambda, float regExponent, boolean ratingWeighted, int cgSteps) {
            this.k = k;
            this.alpha = alpha;
            this.lambda = lambda;
            this.regExponent = regExponent;
            this.ratingWeighted = ratingWeighted;
            this.cgSteps = cgSteps;
        }

        void halfStep(int n, int[] offsets, int[] perm, int[] other, float[] ratings, float[] fixedF, double[] gram,
                      float[] w, boolean itemSide, float[] targetF) {
            int nOther = fixedF.length / k;
            double sumW = 0;
            for (int o = 0; o < nOther && !itemSide; o++) {
                sumW += w[o];
            }
            double userSideMissing = sumW;
            Parallel.forRange(n, (chunk, from, to) -> {
                RowSystem sys = new RowSystem(this, fixedF, gram, other, ratings, perm);
                ConjugateGradient cg = new ConjugateGradient(k);
                double[] x = new double[k];
                double[] b = new double[k];
                for (int t = from; t < to; t++) {
                    int start = offsets[t];
                    int end = offsets[t + 1];
                    if (start == end) {
                        // No positives: the system is (s G + lambda I) x = 0, whose solution is 0.
                        Arrays.fill(targetF, t * k, t * k + k, 0f);
                        continue;
                    }
                    Arrays.fill(b, 0.0);
                    double extra = 0;
                    for (int e = start; e < end; e++) {
                        int p = perm == null ? e : perm[e];
                        int o = other[p];
                        float base = itemSide ? w[t] : w[o];
                        float v = ratings[p];
                        float conf = alpha * (ratingWeighted ? Math.abs(v) : 1f);
                        extra += conf;
                        if (v > 0) {
                            Kernels.axpy(base + conf, fixedF, o * k, b, 0, k);
                        }
                    }
                    double missing = itemSide ? (double) w[t] * nOther : userSideMissing;
                    double reg = regExponent == 0 ? lambda
                            : lambda * Math.pow((missing + extra) / nOther, regExponent);
                    sys.set(start, end, itemSide ? w[t] : 1f, reg);
                    if (cgSteps == 0) {
                        sys.solveExact(b);
                        for (int f = 0; f < k; f++) {
                            targetF[t * k + f] = (float) b[f];
                        }
                    } else {
                        for (int f = 0; f < k; f++) {
                            x[f] = targetF[t * k + f];
                        }
                        cg.solve(sys, b, x, cgSteps, 1e-20);
                        for (int f = 0; f < k; f++) {
                            targetF[t * k + f] = (float) x[f];
                        }
                    }
                }
            });
        }
    }

    /** One row's matrix as a CG operator; mutable, one per chunk. */
    static final class RowSystem implements ConjugateGradient.Operator {
        private final Solver s;
        private final float[] fixedF;
        private final double[] gram;
        private final int[] other;
        private final float[] ratings;
        private final int[] perm;
        private final float[] g;
        private final float[] row;
        private final double[] a;
        private int start;
        private int end;
        private float scale;
        private double lambda;

        RowSystem(Solver s, float[] fixedF, double[] gram, int[] other, float[] ratings, int[] perm) {
            this.s = s;
            this.fixedF = fixedF;
            this.gram = gram;
            this.other = other;
            this.ratings = ratings;
            this.perm = perm;
            int k = s.k;
            g = new float[k * k];
            row = new float[k];
            a = new double[k * k];
        }

        void set(int start, int end, float scale, double lambda) {
            this.start = start;
            this.end = end;
            this.scale = scale;
            this.lambda = lambda;
        }

        @Override
        public void apply(double[] x, double[] out) {
            int k = s.k;
            for (int r = 0; r < k; r++) {
                out[r] = scale * Kernels.dot(gram, r * k, x, 0, k) + lambda * x[r];
            }
            for (int e = start; e < end; e++) {
                int p = perm == null ? e : perm[e];
                int o = other[p];
                double d = s.alpha * (s.ratingWeighted ? Math.abs(ratings[p]) : 1f) * Kernels.dot(x, 0, fixedF, o * k, k);
                Kernels.axpy(d, fixedF, o * k, out, 0, k);
            }
        }

        /** Forms the matrix and solves by Cholesky; {@code b} becomes the solution. */
        void solveExact(double[] b) {
            int k = s.k;
            Arrays.fill(g, 0f);
            for (int e = start; e < end; e++) {
                int p = perm == null ? e : perm[e];
                System.arraycopy(fixedF, other[p] * k, row, 0, k);
                Kernels.rank1Upper(g, row, s.alpha * (s.ratingWeighted ? Math.abs(ratings[p]) : 1f), k);
            }
            for (int r = 0; r < k; r++) {
                for (int c = r; c < k; c++) {
                    a[r * k + c] = scale * gram[r * k + c] + g[r * k + c];
                }
                a[r * k + r] += lambda;
            }
            Cholesky.solve(a, k, b);
        }
    }

    /** The ials v1 payload: hyperparameters, the missing-entry weights, user and item factors. */
    static final FactorModel.Layout LAYOUT = FactorModel.Layout.of(FactorModel.Field.K,
            FactorModel.Field.floatExtra("alpha"), FactorModel.Field.floatExtra("lambda"),
            FactorModel.Field.floatExtra("regExponent"), FactorModel.Field.booleanExtra("ratingWeighted"),
            FactorModel.Field.floatExtra("positiveThreshold"), FactorModel.Field.floatsExtra("weights"),
            FactorModel.Field.P, FactorModel.Field.Q);

    /**
     * The fitted factors as a ranking {@link FactorModel} ({@code x_u.y_i}, no biases), dot products in
     * {@link Summation#SERIAL} order (as ials models have always been scored), fold-in by {@link FoldInSolver}.
     */
    static FactorModel model(Provenance p, int k, float alpha, float lambda, float regExponent,
                             boolean ratingWeighted, float positiveThreshold, float[] weights, float[] userF,
                             float[] itemF, float dislikeBelow) {
        FactorModel.Parts parts = new FactorModel.Parts(k, 0f, null, null, userF, itemF).with("alpha", alpha)
                .with("lambda", lambda).with("regExponent", regExponent).with("ratingWeighted", ratingWeighted)
                .with("positiveThreshold", positiveThreshold).with("weights", weights);
        return model(p, parts, dislikeBelow);
    }

    private static FactorModel model(Provenance p, FactorModel.Parts parts, float dislikeBelow) {
        return FactorModel.of(NAME, p, parts, LAYOUT, Summation.SERIAL, new FoldInSolver(parts, dislikeBelow), false);
    }

    public static FactorModel read(DataInputStream in, Provenance p, Dataset train) throws IOException {
        FactorModel.Parts parts = FactorModel.readParts(in, NAME, LAYOUT);
        try {
            return model(p, parts, train.dislikeBelow());
        } catch (IllegalArgumentException e) {
            throw new IOException(NAME + " payload is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * Solves a new user's system exactly (Cholesky) against the fixed item factors, with the training
     * weights: ratings at or above the positive threshold are positives, dislikes (below the middle of
     * the scale) are zeros held with confidence, the others are ignored. The weighted item Gram matrix
     * is computed once per model. Without a positive the solution is {@code x = 0} (every score 0);
     * then, when there are dislikes, {@code x = -mean_{j disliked} y_j}, so that the movies that go with
     * the dislikes come last rather than in catalogue order.
     */
    static final class FoldInSolver implements FactorModel.FoldInRule {
        private final Solver solver;
        private final float positiveThreshold;
        private final float dislikeBelow;
        private final float[] weights;
        private final double[] itemGram;

        FoldInSolver(FactorModel.Parts parts, float dislikeBelow) {
            float[] w = (float[]) parts.extras().get("weights");
            int k = parts.k();
            if (w.length * (long) k != parts.q().length) {
                throw new IllegalArgumentException("k=" + k + ", " + parts.q().length + " item factors for " + w.length
                        + " items");
            }
            this.solver = new Solver(k, (Float) parts.extras().get("alpha"), (Float) parts.extras().get("lambda"),
                    (Float) parts.extras().get("regExponent"), (Boolean) parts.extras().get("ratingWeighted"), 0);
            this.dislikeBelow = dislikeBelow;
            this.positiveThreshold = Math.max((Float) parts.extras().get("positiveThreshold"), dislikeBelow);
            this.weights = w;
            this.itemGram = gram(parts.q(), w, k);
        }

        @Override
        public float solve(FactorModel m, int[] items, float[] ratings, float[] x) {
            int n = 0;
            int positives = 0;
            int[] keep = new int[items.length];
            for (int e = 0; e < items.length; e++) {
                if (ratings[e] >= positiveThreshold || ratings[e] < dislikeBelow) {
                    keep[n++] = e;
                    positives += ratings[e] >= positiveThreshold ? 1 : 0;
                }
            }
            int k = m.factors();
            if (positives == 0) {
                for (int j = 0; j < n; j++) {
                    Kernels.axpy(-1f / n, m.q, items[keep[j]] * k, x, 0, k);
                }
                return 0f;
            }
            int[] offsets = {0, n};
            int[] other = new int[n];
            float[] r = new float[n];
            for (int j = 0; j < n; j++) {
                other[j] = items[keep[j]];
                r[j] = ratings[keep[j]];
            }
            solver.halfStep(1, offsets, null, other, values(r, positiveThreshold, dislikeBelow), m.q, itemGram,
                    weights, false, x);
            return 0f;
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "implicit-feedback ALS with conjugate gradient (Hu et al. 2008; Takacs et al. 2011)", Config.DEFAULTS, ImplicitAls::new, ImplicitAls::read,
                    Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.INNER_PRODUCT);
        }
    }
}

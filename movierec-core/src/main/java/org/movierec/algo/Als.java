package org.movierec.algo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.math.Cholesky;
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
 * Alternating least squares for explicit ratings with weighted-lambda regularization (Y. Zhou,
 * D. Wilkinson, R. Schreiber, R. Pan, "Large-scale parallel collaborative filtering for the Netflix
 * prize", AAIM 2008), extended with learned user and item biases:
 *
 * <pre>
 *   r(u,i) = mu + b_u + b_i + x_u . y_i
 *   minimize  sum_{(u,i) rated} (r_ui - mu - b_u - b_i - x_u . y_i)^2
 *           + lambda ( sum_u n_u (|x_u|^2 + b_u^2) + sum_i n_i (|y_i|^2 + b_i^2) )
 * </pre>
 *
 * where {@code n_u}, {@code n_i} are rating counts and {@code mu} is the training mean. The biases are
 * learned jointly with the factors: in the user half-step the item vector is augmented to
 * {@code [y_i, 1]} and the target is {@code r - mu - b_i}, so solving for {@code [x_u, b_u]} is one
 * {@code (k+1) x (k+1)} ridge system per user (symmetrically for items). Item biases start from
 * {@link BiasBaseline}'s and item factors from N(0, initStd^2) with the seed; the first half-step solves
 * users.
 *
 * <p>Each half-step is embarrassingly parallel: every user's system depends only on the fixed item
 * side, so users are cut into {@link Parallel} chunks with one set of scratch buffers per chunk, and
 * the result does not depend on the thread count or timing. Each row's system is solved one of two ways
 * ({@link Config#cgSteps()}):
 * <ul>
 *   <li>exact ({@code cgSteps = 0}): the Gram matrix {@code sum_i [y_i,1][y_i,1]^T} is built with
 *   symmetric rank-1 updates of the upper triangle on contiguous float copies of the item rows, four rows
 *   per pass ({@link Kernels#rank4Upper}), then solved by Cholesky in place in double ({@link Cholesky}):
 *   {@code n_u (k+1)^2 / 2 + (k+1)^3 / 6} multiply-adds per user;</li>
 *   <li>conjugate gradient ({@code cgSteps > 0}, the default 3): ALS-CG (Takács, Pilászy, Tikk 2011),
 *   a few CG steps warm-started from the current factors, applying the system matrix without forming it:
 *   {@code 2 (cgSteps + 1) n_u (k+1)} multiply-adds per user (see {@code cgHalfStep}). Each half-step
 *   then only approximately minimizes its half of the loss, but from a warm start over the epochs it
 *   reaches the same fit: on ML-100k u1..u5 at the defaults, 3 steps give the exact solver's test RMSE to
 *   four decimals (mean 0.9164) at about a fifth of the fit time, while 1 step gives 0.9214.</li>
 * </ul>
 * A user or item without training ratings keeps zero factors and bias. Fold-in (({@link #foldIn}))
 * always solves exactly: a new user has no warm start.
 */
public final class Als implements Trainer<RatingFactorModel> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "als";

    /**
     * @param factors    latent dimension k
     * @param lambda     weighted-lambda regularization (multiplied by each row's rating count)
     * @param iterations ALS epochs (one user half-step plus one item half-step each)
     * @param initStd    standard deviation of the initial item factors
     * @param seed       seed of the initial item factors
     * @param cgSteps    conjugate gradient steps per row, warm-started from the row's current factors
     *                   (see {@link Als}); 0 solves every row exactly by Cholesky
     */
    public record Config(int factors, float lambda, int iterations, float initStd, long seed, int cgSteps) {
        /**
         * lambda tuned on a seeded 20% validation split of ML-100k u1.base for RMSE (0.05, 0.1, 0.15, 0.2,
         * 0.25 gave 0.9613, 0.9255, 0.9236, 0.9328, 0.9450); rank 50 as in the Spark reference. Three CG
         * steps: on ML-100k u1..u5 test they match the exact solver's RMSE to four decimals (u1 0.9274,
         * mean 0.9164 both; 2 steps the same, 1 step mean 0.9214), and on the 25M-rating synthetic set at
         * k = 64 an epoch takes about a fifth of the exact solver's CPU time ({@code AlsEpochBench}). Use
         * {@code cgSteps = 0} for the exact minimizer of each half-step, e.g. with few iterations.
         */
        public static final Config DEFAULTS = new Config(50, 0.15f, 15, 0.1f, 42, 3);

        public Config {
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(lambda > 0) || Float.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be a positive finite number, got " + lambda);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            if (!(initStd >= 0) || Float.isInfinite(initStd)) {
                throw new IllegalArgumentException("initStd must be >= 0 and finite, got " + initStd);
            }
            if (cgSteps < 0 || cgSteps > 4096) {
                throw new IllegalArgumentException("cgSteps must be in 0..4096 (0 = exact Cholesky), got " + cgSteps);
            }
        }

        public Config withFactors(int k) {
            return new Config(k, lambda, iterations, initStd, seed, cgSteps);
        }

        public Config withLambda(float l) {
            return new Config(factors, l, iterations, initStd, seed, cgSteps);
        }

        public Config withIterations(int n) {
            return new Config(factors, lambda, n, initStd, seed, cgSteps);
        }

        public Config withSeed(long s) {
            return new Config(factors, lambda, iterations, initStd, s, cgSteps);
        }

        public Config withCgSteps(int steps) {
            return new Config(factors, lambda, iterations, initStd, seed, steps);
        }
    }

    private final Config config;

    public Als() {
        this(Config.DEFAULTS);
    }

    public Als(Config config) {
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
    public RatingFactorModel fit(Dataset train, Dataset validation, ProgressListener progress) {
        State s = init(train.interactions());
        progress.start("als", config.iterations());
        for (int it = 0; it < config.iterations(); it++) {
            epoch(s);
            progress.advance(1);
            double rmse = Double.NaN;
            if (validation != null && validation.interactions().size() > 0) {
                rmse = rmse(s.model(null), validation);
                progress.message(String.format("epoch %d validation RMSE %.4f", it + 1, rmse));
            }
            Training.endEpoch(progress, it + 1, Double.NaN, rmse);
        }
        progress.done();
        return s.model(Provenance.untrained(name(), config, config.seed()));
    }

    private static double rmse(RatingFactorModel m, Dataset test) {
        Interactions t = test.interactions();
        double se = 0;
        for (int p = 0; p < t.size(); p++) {
            double e = test.ratingScale().clip(m.predict(t.user(p), t.item(p))) - t.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / t.size());
    }

    /** Mutable training state; exposed package-wide so the benchmark can time single epochs. */
    final class State {
        final Interactions in;
        final int k;
        final float mean;
        final float[] userF;
        final float[] userB;
        final float[] itemF;
        final float[] itemB;
        /**
         * Users and ratings in item order ({@code in.byItem()}'s positions resolved once): the item
         * half-step then streams them instead of making two random reads per rating through the positions.
         */
        final int[] usersByItem;
        final float[] ratingsByItem;

        State(Interactions in) {
            this.in = in;
            this.k = config.factors();
            this.mean = (float) in.meanRating();
            userF = new float[in.numUsers() * k];
            userB = new float[in.numUsers()];
            itemF = LatentMath.gaussian(in.numItems() * k, config.initStd(), new SplittableRandom(config.seed()));
            itemB = BiasBaseline.fitBiases(in, 15f, 10f, 3).item();
            int[] positions = in.byItem().positionsArray();
            int[] users = in.usersArray();
            float[] ratings = in.ratingsArray();
            usersByItem = new int[positions.length];
            ratingsByItem = new float[positions.length];
            for (int j = 0; j < positions.length; j++) {
                usersByItem[j] = users[positions[j]];
                ratingsByItem[j] = ratings[positions[j]];
            }
        }

        RatingFactorModel model(Provenance p) {
            return Als.model(p, k, mean, config.lambda(), userF.clone(), userB.clone(), itemF.clone(), itemB.clone());
        }
    }

    State init(Interactions in) {
        return new State(in);
    }

    /** One epoch: solve all users against the items, then all items against the users. */
    void epoch(State s) {
        userHalfStep(s);
        itemHalfStep(s);
    }

    void userHalfStep(State s) {
        Interactions in = s.in;
        halfStep(in.numUsers(), in.userOffsetsArray(), null, in.itemsArray(), in.ratingsArray(), s.mean, s.itemF,
                s.itemB, s.userF, s.userB, s.k, config.lambda(), config.cgSteps());
    }

    void itemHalfStep(State s) {
        Interactions in = s.in;
        halfStep(in.numItems(), in.byItem().offsetsArray(), null, s.usersByItem, s.ratingsByItem, s.mean, s.userF,
                s.userB, s.itemF, s.itemB, s.k, config.lambda(), config.cgSteps());
    }

    /**
     * Solves every row {@code t} of the target side: {@code [x_t, b_t] = argmin sum_{p} (r_p - mu - fb[o] -
     * b_t - x_t . f_o)^2 + lambda n_t (|x_t|^2 + b_t^2)} over the entries {@code p} of row {@code t}, whose
     * other side is {@code o = other[p]}. Entries of row {@code t} are at {@code offsets[t] .. offsets[t+1]},
     * through {@code perm} when it is not null. {@code cgSteps == 0} solves exactly by Cholesky; otherwise
     * each row takes {@code cgSteps} conjugate gradient steps from its current {@code [x_t, b_t]}.
     */
    static void halfStep(int n, int[] offsets, int[] perm, int[] other, float[] ratings, float mean,
                         float[] fixedF, float[] fixedB, float[] targetF, float[] targetB, int k, float lambda,
                         int cgSteps) {
        if (cgSteps > 0) {
            cgHalfStep(n, offsets, perm, other, ratings, mean, fixedF, fixedB, targetF, targetB, k, lambda, cgSteps);
            return;
        }
        int m = k + 1;
        Parallel.forRange(n, (chunk, from, to) -> {
            float[] g = new float[m * m];
            float[] rows = new float[4 * m];
            double[] a = new double[m * m];
            double[] rhs = new double[m];
            for (int t = from; t < to; t++) {
                int start = offsets[t];
                int end = offsets[t + 1];
                int cnt = end - start;
                if (cnt == 0) {
                    Arrays.fill(targetF, t * k, t * k + k, 0f);
                    targetB[t] = 0f;
                    continue;
                }
                Arrays.fill(g, 0f);
                Arrays.fill(rhs, 0.0);
                accumulate(g, rows, rhs, start, end, perm, other, ratings, mean, fixedF, fixedB, k);
                solveRow(g, a, rhs, m, lambda * cnt);
                for (int f = 0; f < k; f++) {
                    targetF[t * k + f] = (float) rhs[f];
                }
                targetB[t] = (float) rhs[k];
            }
        });
    }

    /**
     * The conjugate gradient half-step (Takács, Pilászy, Tikk, "Applications of the conjugate gradient
     * method for implicit feedback collaborative filtering", RecSys 2011, applied here to the explicit
     * weighted-lambda system). For row {@code t} with the {@code n_t x (k+1)} matrix {@code Z} of rows
     * {@code [f_o, 1]} and targets {@code s_p = r_p - mu - fb[o]}, the system
     * {@code A w = Z^T s} with {@code A = Z^T Z + lambda n_t I} is never formed:
     *
     * <pre>
     *   A v = Z^T (Z v) + lambda n_t v        (2 n_t (k+1) multiply-adds)
     *   r = Z^T (s - Z w) - lambda n_t w,  d = r
     *   repeat cgSteps times:
     *     alpha = r.r / d.Ad;  w += alpha d;  r -= alpha Ad;  d = r + (r'.r' / r.r) d
     * </pre>
     *
     * starting from the row's current {@code w = [x_t, b_t]} (zero before the first user half-step), so
     * a row costs {@code (cgSteps + 1) 2 n_t (k+1)} instead of the Gram build's {@code n_t (k+1)^2 / 2}.
     * The other side's rows are gathered once per row into a contiguous float scratch copy, so that the
     * {@code cgSteps + 1} passes over them read L1/L2 instead of the whole factor matrix, and each pass
     * computes {@code Z v} and {@code Z^T q} together ({@link #normalProduct}); the {@code k+1}-long CG
     * scalars are accumulated in double. Scratch is sized per chunk to its longest row, so the row loop
     * allocates nothing and every row's arithmetic, hence the result, does not depend on the chunking.
     */
    static void cgHalfStep(int n, int[] offsets, int[] perm, int[] other, float[] ratings, float mean,
                           float[] fixedF, float[] fixedB, float[] targetF, float[] targetB, int k, float lambda,
                           int cgSteps) {
        int m = k + 1;
        Parallel.forRange(n, (chunk, from, to) -> {
            int longest = 0;
            for (int t = from; t < to; t++) {
                longest = Math.max(longest, offsets[t + 1] - offsets[t]);
            }
            float[] rows = new float[longest * k];
            float[] s = new float[longest];
            float[] w = new float[m];
            float[] r = new float[m];
            float[] d = new float[m];
            float[] ad = new float[m];
            for (int t = from; t < to; t++) {
                int start = offsets[t];
                int cnt = offsets[t + 1] - start;
                if (cnt == 0) {
                    Arrays.fill(targetF, t * k, t * k + k, 0f);
                    targetB[t] = 0f;
                    continue;
                }
                for (int e = 0; e < cnt; e++) {
                    int p = perm == null ? start + e : perm[start + e];
                    int o = other[p];
                    System.arraycopy(fixedF, o * k, rows, e * k, k);
                    s[e] = ratings[p] - mean - fixedB[o];
                }
                System.arraycopy(targetF, t * k, w, 0, k);
                w[k] = targetB[t];
                cgRow(rows, s, cnt, k, lambda * cnt, w, r, d, ad, cgSteps);
                System.arraycopy(w, 0, targetF, t * k, k);
                targetB[t] = w[k];
            }
        });
    }

    /** {@code cgSteps} CG steps on one gathered row, updating {@code w} in place (see {@link #cgHalfStep}). */
    static void cgRow(float[] rows, float[] s, int cnt, int k, float reg, float[] w, float[] r, float[] d, float[] ad,
                      int cgSteps) {
        int m = k + 1;
        normalProduct(rows, s, cnt, k, w, -reg, r);
        System.arraycopy(r, 0, d, 0, m);
        double rr = dot(r, r, m);
        for (int step = 0; step < cgSteps && rr > 0; step++) {
            normalProduct(rows, null, cnt, k, d, reg, ad);
            double dad = dot(d, ad, m);
            if (!(dad > 0)) {
                break; // d = 0 to float precision: the residual is already as small as it gets
            }
            float alpha = (float) (rr / dad);
            for (int f = 0; f < m; f++) {
                w[f] += alpha * d[f];
                r[f] -= alpha * ad[f];
            }
            double rrNew = dot(r, r, m);
            float beta = (float) (rrNew / rr);
            for (int f = 0; f < m; f++) {
                d[f] = r[f] + beta * d[f];
            }
            rr = rrNew;
        }
    }

    /**
     * {@code out = Z^T q + reg v} with {@code q = Z v} when {@code s} is null (the operator {@code A v}), or
     * {@code q = s - Z v} (so that {@code reg = -lambda n_t} gives the residual {@code b - A v}), where the
     * rows of {@code Z} are {@code [rows_e, 1]}. Both products are done in one pass, four rows at a time:
     * the four dot products share the loads of {@code v} and run as independent chains, and the four rows
     * are still in L1 when they are added into {@code out}, whose loads and stores are amortised over four
     * rows.
     */
    private static void normalProduct(float[] rows, float[] s, int cnt, int k, float[] v, float reg, float[] out) {
        Arrays.fill(out, 0, k, 0f);
        float vb = v[k];
        double bias = 0;
        int e = 0;
        for (; e + 4 <= cnt; e += 4) {
            int o0 = e * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            float q0 = vb;
            float q1 = vb;
            float q2 = vb;
            float q3 = vb;
            for (int f = 0; f < k; f++) {
                float vf = v[f];
                q0 += vf * rows[o0 + f];
                q1 += vf * rows[o1 + f];
                q2 += vf * rows[o2 + f];
                q3 += vf * rows[o3 + f];
            }
            if (s != null) {
                q0 = s[e] - q0;
                q1 = s[e + 1] - q1;
                q2 = s[e + 2] - q2;
                q3 = s[e + 3] - q3;
            }
            for (int f = 0; f < k; f++) {
                out[f] += q0 * rows[o0 + f] + q1 * rows[o1 + f] + q2 * rows[o2 + f] + q3 * rows[o3 + f];
            }
            bias += q0 + q1 + q2 + q3;
        }
        for (; e < cnt; e++) {
            int o = e * k;
            float q = vb;
            for (int f = 0; f < k; f++) {
                q += v[f] * rows[o + f];
            }
            if (s != null) {
                q = s[e] - q;
            }
            Kernels.axpy(q, rows, o, out, 0, k);
            bias += q;
        }
        for (int f = 0; f < k; f++) {
            out[f] += reg * v[f];
        }
        out[k] = (float) (bias + reg * vb);
    }

    private static double dot(float[] a, float[] b, int n) {
        return Kernels.dotWide(a, 0, b, 0, n);
    }

    /**
     * Adds {@code sum_e [f_o, 1][f_o, 1]^T} to the upper triangle of {@code g} and
     * {@code sum_e (r_e - mu - fb_o) [f_o, 1]} to {@code rhs} over entries {@code start .. end}: the rows
     * are gathered four at a time into the contiguous {@code rows} scratch ({@code 4 (k+1)} floats) for
     * {@link Kernels#rank4Upper}, the remainder one at a time.
     */
    static void accumulate(float[] g, float[] rows, double[] rhs, int start, int end, int[] perm, int[] other,
                           float[] ratings, float mean, float[] fixedF, float[] fixedB, int k) {
        int m = k + 1;
        for (int r = 0; r < 4; r++) {
            rows[r * m + k] = 1f;
        }
        int e = start;
        for (; e + 4 <= end; e += 4) {
            for (int r = 0; r < 4; r++) {
                int p = perm == null ? e + r : perm[e + r];
                int o = other[p];
                System.arraycopy(fixedF, o * k, rows, r * m, k);
                Kernels.axpy(ratings[p] - mean - fixedB[o], rows, r * m, rhs, 0, m);
            }
            Kernels.rank4Upper(g, rows, m);
        }
        for (; e < end; e++) {
            int p = perm == null ? e : perm[e];
            int o = other[p];
            System.arraycopy(fixedF, o * k, rows, 0, k);
            Kernels.rank1Upper(g, rows, 1f, m);
            Kernels.axpy(ratings[p] - mean - fixedB[o], rows, 0, rhs, 0, m);
        }
    }

    /** Copies the float upper triangle into {@code a}, adds {@code reg} on the diagonal and solves into {@code rhs}. */
    private static void solveRow(float[] g, double[] a, double[] rhs, int m, double reg) {
        for (int r = 0; r < m; r++) {
            int o = r * m;
            for (int c = r; c < m; c++) {
                a[o + c] = g[o + c];
            }
            a[o + r] += reg;
        }
        Cholesky.solve(a, m, rhs);
    }

    /** The als v1 payload: mean, lambda, then user factors and biases, item factors and biases. */
    static final FactorModel.Layout LAYOUT = FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.MEAN,
            FactorModel.Field.floatExtra("lambda"), FactorModel.Field.P, FactorModel.Field.USER_BIAS,
            FactorModel.Field.Q, FactorModel.Field.ITEM_BIAS);

    /**
     * The fitted factors and biases as a {@link RatingFactorModel}: {@code mu + b_u + b_i + x_u.y_i}, dot
     * products in {@link Summation#SERIAL} order (as als models have always been scored), fold-in by
     * {@link #foldIn}.
     */
    static RatingFactorModel model(Provenance p, int k, float mean, float lambda, float[] userF, float[] userB,
                                   float[] itemF, float[] itemB) {
        FactorModel.Parts parts = new FactorModel.Parts(k, mean, userB, itemB, userF, itemF).with("lambda", lambda);
        return (RatingFactorModel) FactorModel.of(NAME, p, parts, LAYOUT, Summation.SERIAL, Als::foldIn, true);
    }

    /**
     * Solves the new user's {@code [x, b]} against the fixed item factors and biases exactly as a
     * user half-step does (same weighted lambda); writes x and returns b.
     */
    static float foldIn(FactorModel m, int[] items, float[] ratings, float[] x) {
        if (items.length == 0) {
            Arrays.fill(x, 0f);
            return 0f;
        }
        int k = m.factors();
        int w = k + 1;
        float[] g = new float[w * w];
        double[] rhs = new double[w];
        accumulate(g, new float[4 * w], rhs, 0, items.length, null, items, ratings, m.mean(), m.q, m.itemBias, k);
        solveRow(g, new double[w * w], rhs, w, (double) m.extra("lambda", Float.class) * items.length);
        for (int f = 0; f < k; f++) {
            x[f] = (float) rhs[f];
        }
        return (float) rhs[k];
    }

    public static RatingFactorModel read(DataInputStream in, Provenance p, Dataset train) throws IOException {
        FactorModel.Parts parts = FactorModel.readParts(in, NAME, LAYOUT);
        return (RatingFactorModel) FactorModel.of(NAME, p, parts, LAYOUT, Summation.SERIAL, Als::foldIn, true);
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "matrix factorization with biases for explicit ratings, weighted-lambda ALS (Zhou et al. 2008)", Config.DEFAULTS, Als::new, Als::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.NEEDS_RATINGS, Capability.INNER_PRODUCT);
        }
    }
}

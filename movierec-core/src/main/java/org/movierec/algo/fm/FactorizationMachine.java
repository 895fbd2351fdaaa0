package org.movierec.algo.fm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.feature.FeatureSpace;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.math.Cholesky;
import org.movierec.math.Kernels;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * A degree-2 factorization machine (S. Rendle, "Factorization Machines", ICDM 2010) over the
 * side features of a {@link FeatureSpace}: one-hot user and movie, genres, age bucket, gender,
 * occupation, release decade and optionally the user's rated-movie set. Trained either by Gibbs
 * sampling ({@link Method#MCMC}, libFM's Bayesian FM: no learning rate or regularization to tune,
 * see {@link FmMcmc}) or by SGD ({@link Method#SGD}, see {@link FmSgd}).
 *
 * <p><b>What the model stores.</b> Every feature is user-side or movie-side, so for one parameter
 * sample the FM splits into {@code y(u,i) = w0 + a_u + b_i + <P_u, Q_i>} where {@code a_u} holds
 * the user-side linear and within-user-side pairwise terms, {@code b_i} the same for the movie,
 * and {@code P_u = sum_{j user-side} v_j x_j}, {@code Q_i = sum_{j movie-side} v_j x_j}. The MCMC
 * prediction is the mean over the S collected samples; since that mean of inner products equals
 * one inner product of the S samples' vectors concatenated (each scaled by {@code 1/sqrt(S)}), the
 * model stores {@code w0, a, b} averaged and {@code P, Q} of width {@code K = rank * S}: predictions
 * after loading are exactly the posterior-predictive average of the chain, not the (worse) FM of
 * the posterior-mean parameters. The price is size and scoring cost linear in S (rank 8, 100
 * samples: 800 floats per user and per movie). Unlike libFM, the samples' predictions are not
 * clipped one by one before averaging (the decomposition needs linearity); the evaluator clips
 * the average. SGD stores one sample ({@code K = rank}).
 *
 * <p>Users and movies of the id space without training ratings have inactive one-hot features
 * (kept at 0), so they are predicted from their demographics or genres and year: the point of side
 * features.
 */
public final class FactorizationMachine implements Trainer<FactorizationMachine.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "fm";

    /** How to learn the parameters. */
    public enum Method { MCMC, SGD }

    /**
     * @param method    MCMC (Gibbs sampling) or SGD
     * @param features  comma-separated {@link FeatureSpace.Block} names, or "side" / "all"
     * @param rank      number of latent factors k
     * @param burnIn    MCMC sweeps discarded before collecting
     * @param samples   MCMC sweeps collected and averaged (all are stored, see the class comment)
     * @param epochs    SGD epochs
     * @param learnRate SGD step size
     * @param reg0      SGD L2 on w0
     * @param regW      SGD L2 on linear weights
     * @param regV      SGD L2 on factors
     * @param initStd   standard deviation of the initial factors (both methods)
     * @param seed      random seed
     */
    public record Config(Method method, String features, int rank, int burnIn, int samples, int epochs,
                         float learnRate, float reg0, float regW, float regV, float initStd, long seed) {
        /**
         * MCMC, side features plus the implicit block, rank 16, 30 + 150 sweeps: the configuration
         * measured on ML-100k u1..u5 (docs/fm-blend.md). The SGD settings are the best of four tried on
         * u1 (RMSE 0.9275 with side features, rank 8); SGD overfits quickly with weaker regularization.
         */
        public static final Config DEFAULTS = new Config(Method.MCMC, "side+implicit", 16, 30, 150, 60, 0.005f, 0f,
                0.04f, 0.08f, 0.1f, 42L);

        public Config {
            if (method == null) {
                throw new IllegalArgumentException("method must be MCMC or SGD");
            }
            FeatureSpace.parseBlocks(features);
            if (rank < 1 || rank > 512) {
                throw new IllegalArgumentException("rank must be in 1..512; got " + rank);
            }
            if (burnIn < 0 || samples < 1 || (long) rank * samples > 1 << 16) {
                throw new IllegalArgumentException("need burnIn >= 0, samples >= 1 and rank * samples <= 65536; got burnIn="
                        + burnIn + ", samples=" + samples + ", rank=" + rank);
            }
            if (epochs < 1 || !(learnRate > 0) || reg0 < 0 || regW < 0 || regV < 0 || !(initStd >= 0)) {
                throw new IllegalArgumentException("need epochs >= 1, learnRate > 0, reg0/regW/regV >= 0, initStd >= 0; got "
                        + "epochs=" + epochs + ", learnRate=" + learnRate + ", reg0=" + reg0 + ", regW=" + regW
                        + ", regV=" + regV + ", initStd=" + initStd);
            }
        }

        public Config withMethod(Method m) {
            return new Config(m, features, rank, burnIn, samples, epochs, learnRate, reg0, regW, regV, initStd, seed);
        }

        public Config withFeatures(String f) {
            return new Config(method, f, rank, burnIn, samples, epochs, learnRate, reg0, regW, regV, initStd, seed);
        }

        public Config withSeed(long s) {
            return new Config(method, features, rank, burnIn, samples, epochs, learnRate, reg0, regW, regV, initStd, s);
        }

        public Config withRank(int r) {
            return new Config(method, features, r, burnIn, samples, epochs, learnRate, reg0, regW, regV, initStd, seed);
        }

        public Config withSweeps(int burn, int keep) {
            return new Config(method, features, rank, burn, keep, epochs, learnRate, reg0, regW, regV, initStd, seed);
        }
    }

    private final Config config;

    public FactorizationMachine() {
        this(Config.DEFAULTS);
    }

    public FactorizationMachine(Config config) {
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
    public Model fit(Dataset train, Dataset validation, ProgressListener progress) {
        return fit(train, progress, true);
    }

    /**
     * @param relationalImplicit MCMC only: sample the implicit block per user ({@link FmImplicit})
     *                           rather than materialized in the rows (same chain up to rounding)
     */
    Model fit(Dataset train, ProgressListener progress, boolean relationalImplicit) {
        EnumSet<FeatureSpace.Block> blocks = FeatureSpace.parseBlocks(config.features());
        FeatureSpace space = FeatureSpace.of(blocks, train);
        boolean relational = relationalImplicit && config.method() == Method.MCMC
                && blocks.contains(FeatureSpace.Block.IMPLICIT);
        FmData data = new FmData(space, train.interactions(), !relational);
        FmImplicit implicit = relational ? new FmImplicit(space, train.interactions()) : null;
        int d = space.dimension();
        boolean[] active = new boolean[d];
        int[] group = new int[d];
        int implicitFrom = relational ? space.offset(FeatureSpace.Block.IMPLICIT) : Integer.MAX_VALUE;
        for (int j = 0; j < d; j++) {
            active[j] = j >= implicitFrom ? implicit.count(j - implicitFrom) > 0 : data.count(j) > 0;
            group[j] = space.blockOf(j).ordinal();
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        FmParams m = new FmParams(d, config.rank());
        m.initFactors(rnd, config.initStd(), active);
        Accumulator acc;
        if (config.method() == Method.SGD) {
            m.w0 = train.interactions().meanRating();
            FmSgd.train(data, m, new FmSgd.Reg(config.reg0(), config.regW(), config.regV()), config.learnRate(),
                    config.epochs(), rnd, progress);
            acc = new Accumulator(space, config.rank(), 1);
            acc.accept(m);
        } else {
            acc = new Accumulator(space, config.rank(), config.samples());
            FmMcmc.Implicit imp = null;
            if (relational) {
                double[] init = new double[data.rows];
                int[] idx = new int[space.maxUserNnz() + space.maxMovieNnz()];
                float[] val = new float[idx.length];
                var in = train.interactions();
                for (int r = 0; r < data.rows; r++) {
                    int nnz = space.encode(in.user(r), in.item(r), idx, val);
                    init[r] = m.predict(idx, val, 0, nnz, null);
                }
                imp = new FmMcmc.Implicit(implicit, FeatureSpace.Block.IMPLICIT.ordinal(), init, in.itemsArray());
            }
            FmMcmc.run(data, m, group, FeatureSpace.Block.values().length, active, imp, config.burnIn(),
                    config.samples(), rnd, acc, progress);
        }
        return acc.build(Provenance.untrained(name(), config, config.seed()));
    }

    /**
     * Collects parameter samples into the split form of the class comment: sample s fills columns
     * {@code s*rank .. (s+1)*rank-1} of P and Q, scaled by {@code 1/sqrt(S)}, and adds to the sums of
     * {@code w0, a, b}. Users (and movies) are independent, so they are computed in parallel.
     */
    static final class Accumulator implements FmMcmc.SampleSink {
        private final FeatureSpace space;
        private final int rank;
        private final int slots;
        private final int width;
        private final float scale;
        private final float[] userVec;
        private final float[] movieVec;
        private final double[] userTerm;
        private final double[] movieTerm;
        private double w0;
        private int filled;

        Accumulator(FeatureSpace space, int rank, int slots) {
            this.space = space;
            this.rank = rank;
            this.slots = slots;
            this.width = rank * slots;
            this.scale = (float) (1 / Math.sqrt(slots));
            this.userVec = new float[space.numUsers() * width];
            this.movieVec = new float[space.numMovies() * width];
            this.userTerm = new double[space.numUsers()];
            this.movieTerm = new double[space.numMovies()];
        }

        @Override
        public void accept(FmParams m) {
            if (filled == slots) {
                throw new IllegalStateException("all " + slots + " sample slots are filled");
            }
            int s = filled++;
            w0 += m.w0;
            side(m, s, true);
            side(m, s, false);
        }

        private void side(FmParams m, int s, boolean users) {
            int count = users ? space.numUsers() : space.numMovies();
            int cap = users ? space.maxUserNnz() : space.maxMovieNnz();
            float[] vec = users ? userVec : movieVec;
            double[] term = users ? userTerm : movieTerm;
            Parallel.forRange(count, (chunk, from, to) -> {
                int[] idx = new int[Math.max(1, cap)];
                float[] val = new float[idx.length];
                double[] sums = new double[rank];
                for (int e = from; e < to; e++) {
                    int nnz = users ? space.userFeatures(e, idx, val, 0) : space.movieFeatures(e, idx, val, 0);
                    // predict() with w0 = 0 over one side is exactly that side's a_u (or b_i).
                    double t = sideTerm(m, idx, val, nnz, sums);
                    term[e] += t;
                    int base = e * width + s * rank;
                    for (int f = 0; f < rank; f++) {
                        vec[base + f] = (float) sums[f] * scale;
                    }
                }
            });
        }

        private static double sideTerm(FmParams m, int[] idx, float[] val, int nnz, double[] sums) {
            double y = 0;
            for (int p = 0; p < nnz; p++) {
                y += m.w[idx[p]] * val[p];
            }
            for (int f = 0; f < m.k; f++) {
                double s = 0;
                double s2 = 0;
                for (int p = 0; p < nnz; p++) {
                    double t = m.v[idx[p] * m.k + f] * val[p];
                    s += t;
                    s2 += t * t;
                }
                sums[f] = s;
                y += 0.5 * (s * s - s2);
            }
            return y;
        }

        Model build(Provenance p) {
            if (filled != slots) {
                throw new IllegalStateException("only " + filled + " of " + slots + " samples collected");
            }
            float[] a = new float[userTerm.length];
            float[] b = new float[movieTerm.length];
            for (int u = 0; u < a.length; u++) {
                a[u] = (float) (userTerm[u] / slots);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (movieTerm[i] / slots);
            }
            return new Model(p, (float) (w0 / slots), a, b, width, userVec, movieVec);
        }
    }

    /**
     * The fitted FM in split form {@code y(u,i) = w0 + a_u + b_i + <P_u, Q_i>} (see the class
     * comment). Thread-safe; scoring allocates nothing.
     */
    public static final class Model implements org.movierec.model.Model, RatingPredictor, ItemScorer, FoldIn {
        private final Provenance provenance;
        private final float w0;
        private final float[] userTerm;
        private final float[] movieTerm;
        private final int width;
        private final float[] userVec;
        private final float[] movieVec;

        /** Ridge penalty of {@link #scoreFoldIn}, in squared stars (checked on the synthetic fold-in test, not tuned). */
        public static final double FOLD_IN_RIDGE = 1.0;

        Model(Provenance provenance, float w0, float[] userTerm, float[] movieTerm, int width, float[] userVec,
              float[] movieVec) {
            if (userVec.length != (long) userTerm.length * width || movieVec.length != (long) movieTerm.length * width) {
                throw new IllegalArgumentException("factor arrays do not match " + userTerm.length + " users, "
                        + movieTerm.length + " movies and width " + width);
            }
            this.provenance = provenance;
            this.w0 = w0;
            this.userTerm = userTerm;
            this.movieTerm = movieTerm;
            this.width = width;
            this.userVec = userVec;
            this.movieVec = movieVec;
        }

        @Override
        public float predict(int user, int item) {
            double s = Kernels.dotWide(userVec, user * width, movieVec, item * width, width);
            return (float) (w0 + userTerm[user] + movieTerm[item] + s);
        }

        /** The scores are the predicted ratings. */
        @Override
        public boolean scoresAreRatings() {
            return true;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            for (int i = 0; i < movieTerm.length; i++) {
                out[i] = predict(user, i);
            }
        }

        @Override
        public int numItems() {
            return movieTerm.length;
        }

        /**
         * Scores a user who is not in the model from their ratings alone, against the fixed movie side:
         * the user's term {@code a} and vector {@code p} are fit by ridge regression of the residuals
         * {@code r_j - w0 - m_j} on {@code [1, q_j]} (penalty {@link #FOLD_IN_RIDGE} on both).
         * Because the stored movie vectors are wide (rank x samples), the regression is solved in
         * its dual form over the n rated movies: {@code (K + lambda I) alpha = y} with
         * {@code K_jk = q_j . q_k + 1}, then {@code p = sum_j alpha_j q_j} and {@code a = sum_j alpha_j};
         * O(n^2 width + n^3) instead of O(width^3). The new user's side features (demographics) are
         * unknown and contribute nothing.
         */
        @Override
        public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
            int n = items.length;
            if (ratings.length != n) {
                throw new IllegalArgumentException("items and ratings differ in length: " + n + " vs " + ratings.length);
            }
            double[] k = new double[n * n];
            double[] alpha = new double[n];
            for (int j = 0; j < n; j++) {
                int jb = items[j] * width;
                alpha[j] = ratings[j] - w0 - movieTerm[items[j]];
                for (int c = j; c < n; c++) {
                    int cb = items[c] * width;
                    double d = 1;
                    for (int f = 0; f < width; f++) {
                        d += movieVec[jb + f] * movieVec[cb + f];
                    }
                    k[j * n + c] = d + (c == j ? FOLD_IN_RIDGE : 0);
                }
            }
            if (n > 0) {
                Cholesky.solve(k, n, alpha);
            }
            double a = 0;
            double[] p = new double[width];
            for (int j = 0; j < n; j++) {
                a += alpha[j];
                int jb = items[j] * width;
                for (int f = 0; f < width; f++) {
                    p[f] += alpha[j] * movieVec[jb + f];
                }
            }
            for (int i = 0; i < movieTerm.length; i++) {
                double s = Kernels.dot(p, 0, movieVec, i * width, width);
                out[i] = (float) (w0 + a + movieTerm[i] + s);
            }
        }

        /** Width of the stored factor vectors: rank times the number of averaged samples. */
        public int width() {
            return width;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, w0, userTerm, movieTerm, width, userVec, movieVec);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeInt(width);
            out.writeFloat(w0);
            ModelIO.writeFloats(out, userTerm);
            ModelIO.writeFloats(out, movieTerm);
            ModelIO.writeFloats(out, userVec);
            ModelIO.writeFloats(out, movieVec);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            int width = in.readInt();
            if (width < 1) {
                throw new IOException("corrupt fm model: width " + width);
            }
            float w0 = in.readFloat();
            float[] a = ModelIO.readFloats(in);
            float[] b = ModelIO.readFloats(in);
            float[] pv = ModelIO.readFloats(in);
            float[] qv = ModelIO.readFloats(in);
            try {
                return new Model(p, w0, a, b, width, pv, qv);
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt fm model: " + e.getMessage(), e);
            }
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "factorization machine over user/movie ids and side features (Bayesian MCMC or SGD)", Config.DEFAULTS, FactorizationMachine::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.FOLD_IN, Capability.NEEDS_RATINGS);
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.math.Kernels;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.Provenance;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Bayesian personalized ranking with matrix factorization (S. Rendle, C. Freudenthaler, Z. Gantner,
 * L. Schmidt-Thieme, "BPR: Bayesian personalized ranking from implicit feedback", UAI 2009), with
 * item biases. Score {@code s(u,i) = b_i + x_u . y_i}; for a triple (user u, positive i, negative j)
 * with {@code x_uij = s(u,i) - s(u,j)}, stochastic gradient ascent on
 * {@code ln sigma(x_uij) - reg (|x_u|^2 + |y_i|^2 + |y_j|^2) - biasReg (b_i^2 + b_j^2)}:
 *
 * <pre>
 *   g = 1 - sigma(x_uij) = sigma(-x_uij)
 *   x_u += lr (g (y_i - y_j) - reg x_u);  y_i += lr (g x_u - reg y_i);  y_j += lr (-g x_u - reg y_j)
 *   b_i += lr (g - biasReg b_i);          b_j += lr (-g - biasReg b_j)
 * </pre>
 *
 * Positives are the ratings with {@code r >= positiveThreshold}: 4 by default, which ranked better on
 * an ML-100k validation split than taking every rating (threshold 0) or ratings >= 3. Triples are
 * drawn as in the paper's LearnBPR with bootstrap sampling: a uniform user among those with positives,
 * a uniform positive of that user, a uniform item the user has not rated positively (rejection sampling
 * against the user's sorted positives). An epoch draws as many triples as there are positives.
 *
 * <p>Dislikes (ratings below the middle of the scale, 1 and 2 of 5, see
 * {@link org.movierec.data.RatingScale#dislikeBelow}) are never positives, whatever the threshold. In
 * training they are sampled as negatives like any other non-positive: ranking them below the liked
 * and unrated movies as well (graded BPR, L. Lerche and D. Jannach, RecSys 2014) was tried on ML-100k
 * u1 and lowered NDCG@10 from 0.4167 to 0.27-0.39 (random or liked movies above the dislikes, with or
 * without item updates, during or after training), so it is only done in fold-in ({@link #foldIn}).
 * Moving a user's vector away from the mean of their dislikes after training did not keep dislikes out
 * of the top 10 either (docs/ARCHITECTURE.md, Dislikes, measured on u1..u5).
 *
 * <p>Determinism: training is single-threaded and every draw comes from one {@link SplittableRandom}
 * seeded with {@code seed}, so a seed gives the same model on any machine and thread count. (SGD with
 * lock-free parallel updates would be faster but its result depends on thread interleaving.)
 */
public final class Bpr implements Trainer<FactorModel> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "bpr";

    /**
     * @param factors           latent dimension k
     * @param learningRate      SGD step size
     * @param reg               L2 regularization of user and item factors
     * @param biasReg           L2 regularization of item biases
     * @param epochs            passes (each as many sampled triples as positives)
     * @param positiveThreshold ratings below it are not positives (0 keeps all but the dislikes)
     * @param initStd           standard deviation of the initial factors
     * @param seed              seed of the initialization and the sampling
     */
    public record Config(int factors, float learningRate, float reg, float biasReg, int epochs,
                         float positiveThreshold, float initStd, long seed) {
        /**
         * Tuned on a seeded 20% validation split of ML-100k u1.base for NDCG@10 (learning rate 0.05-0.1,
         * reg 0.003-0.02, 20-150 epochs, thresholds 0/3/4).
         */
        public static final Config DEFAULTS = new Config(64, 0.1f, 0.01f, 0.001f, 60, 4f, 0.1f, 42);

        public Config {
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive finite number, got " + learningRate);
            }
            if (!(reg >= 0) || !(biasReg >= 0) || Float.isInfinite(reg) || Float.isInfinite(biasReg)) {
                throw new IllegalArgumentException("reg and biasReg must be >= 0 and finite, got " + reg + ", "
                        + biasReg);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (!(positiveThreshold >= 0) || Float.isInfinite(positiveThreshold)) {
                throw new IllegalArgumentException("positiveThreshold must be >= 0 and finite, got " + positiveThreshold);
            }
            if (!(initStd >= 0) || Float.isInfinite(initStd)) {
                throw new IllegalArgumentException("initStd must be >= 0 and finite, got " + initStd);
            }
        }

        public Config with(int factors, float learningRate, float reg, int epochs) {
            return new Config(factors, learningRate, reg, biasReg, epochs, positiveThreshold, initStd, seed);
        }

        public Config withSeed(long s) {
            return new Config(factors, learningRate, reg, biasReg, epochs, positiveThreshold, initStd, s);
        }
    }

    /** SGD passes over the new user's positives in {@link #foldIn}. */
    static final int FOLD_IN_EPOCHS = 50;

    private final Config config;

    public Bpr() {
        this(Config.DEFAULTS);
    }

    public Bpr(Config config) {
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
        Interactions in = ImplicitAls.positives(train.interactions(), Math.max(positiveThreshold, dislikeBelow));
        int k = config.factors();
        int nu = in.numUsers();
        int ni = in.numItems();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        float[] userF = LatentMath.gaussian(nu * k, config.initStd(), new SplittableRandom(rnd.nextLong()));
        float[] itemF = LatentMath.gaussian(ni * k, config.initStd(), new SplittableRandom(rnd.nextLong()));
        float[] itemB = new float[ni];
        int[] offsets = in.userOffsetsArray();
        // Each user's positives sorted by item, for the rejection test of negatives.
        int[] sorted = in.itemsArray().clone();
        int eligible = 0;
        int[] users = new int[nu];
        for (int u = 0; u < nu; u++) {
            Arrays.sort(sorted, offsets[u], offsets[u + 1]);
            int c = offsets[u + 1] - offsets[u];
            if (c > 0 && c < ni) {
                users[eligible++] = u;
            }
        }
        long samples = in.size();
        float[] xu = new float[k];
        progress.start("bpr", config.epochs());
        for (int ep = 0; ep < config.epochs() && eligible > 0; ep++) {
            for (long s = 0; s < samples; s++) {
                int u = users[rnd.nextInt(eligible)];
                int start = offsets[u];
                int end = offsets[u + 1];
                int i = sorted[start + rnd.nextInt(end - start)];
                int j;
                do {
                    j = rnd.nextInt(ni);
                } while (Arrays.binarySearch(sorted, start, end, j) >= 0);
                System.arraycopy(userF, u * k, xu, 0, k);
                step(xu, 0, userF, u * k, itemF, itemB, i, j, k, config.learningRate(), config.reg(),
                        config.biasReg(), true);
            }
            progress.advance(1);
            Training.endEpoch(progress, ep + 1);
        }
        progress.done();
        return model(Provenance.untrained(name(), config, config.seed()), k, config.learningRate(), config.reg(),
                positiveThreshold, userF, itemF, itemB, dislikeBelow);
    }

    /**
     * One SGD step on the triple (u, i, j). {@code xu} is a copy of the user's row (read), {@code userF}
     * at {@code uo} receives the user's update; items are updated only when {@code updateItems}.
     */
    static void step(float[] xu, int xo, float[] userF, int uo, float[] itemF, float[] itemB, int i, int j, int k,
                     float lr, float reg, float biasReg, boolean updateItems) {
        int io = i * k;
        int jo = j * k;
        double x = itemB[i] - itemB[j] + Kernels.dotWide(xu, xo, itemF, io, k)
                - Kernels.dotWide(xu, xo, itemF, jo, k);
        float g = (float) (1.0 / (1.0 + Math.exp(x)));
        for (int f = 0; f < k; f++) {
            float yi = itemF[io + f];
            float yj = itemF[jo + f];
            float uf = xu[xo + f];
            userF[uo + f] += lr * (g * (yi - yj) - reg * uf);
            if (updateItems) {
                itemF[io + f] += lr * (g * uf - reg * yi);
                itemF[jo + f] += lr * (-g * uf - reg * yj);
            }
        }
        if (updateItems) {
            itemB[i] += lr * (g - biasReg * itemB[i]);
            itemB[j] += lr * (-g - biasReg * itemB[j]);
        }
    }

    /** The bpr v1 payload: fold-in hyperparameters, user factors, item factors, item biases. */
    static final FactorModel.Layout LAYOUT = FactorModel.Layout.of(FactorModel.Field.K,
            FactorModel.Field.floatExtra("learningRate"), FactorModel.Field.floatExtra("reg"),
            FactorModel.Field.floatExtra("positiveThreshold"), FactorModel.Field.P, FactorModel.Field.Q,
            FactorModel.Field.ITEM_BIAS);

    /**
     * Item biases and user and item factors as a ranking {@link FactorModel}: scores are
     * {@code b_i + x_u . y_i}, dot products in {@link Summation#SERIAL} order (as bpr models have always
     * been scored), fold-in by {@link #foldIn}.
     */
    static FactorModel model(Provenance p, int k, float learningRate, float reg, float positiveThreshold,
                             float[] userF, float[] itemF, float[] itemB, float dislikeBelow) {
        FactorModel.Parts parts = new FactorModel.Parts(k, 0f, null, itemB, userF, itemF)
                .with("learningRate", learningRate).with("reg", reg).with("positiveThreshold", positiveThreshold);
        return FactorModel.of(NAME, p, parts, LAYOUT, Summation.SERIAL,
                (m, items, ratings, x) -> foldIn(m, items, ratings, x, dislikeBelow), false);
    }

    public static FactorModel read(DataInputStream in, Provenance p, Dataset train) throws IOException {
        FactorModel.Parts parts = FactorModel.readParts(in, NAME, LAYOUT);
        float dislikeBelow = train.dislikeBelow();
        return FactorModel.of(NAME, p, parts, LAYOUT, Summation.SERIAL,
                (m, items, ratings, x) -> foldIn(m, items, ratings, x, dislikeBelow), false);
    }

    /**
     * Learns the new user's vector by BPR SGD against the fixed item factors and biases:
     * {@value Bpr#FOLD_IN_EPOCHS} passes, each drawing one (positive, negative) pair per positive,
     * from zero, with a generator seeded by the positives themselves, so the same input always
     * gives the same scores. Ratings below the training threshold are not positives; dislikes (below
     * {@code dislikeBelow}) also get, per pass, one step per dislike on (a uniform movie the user did not
     * dislike, a uniform dislike), drawn from a second generator seeded by the dislikes, as in training.
     * No user bias.
     */
    static float foldIn(FactorModel m, int[] items, float[] ratings, float[] x, float dislikeBelow) {
        float positiveThreshold = Math.max(m.extra("positiveThreshold", Float.class), dislikeBelow);
        float learningRate = m.extra("learningRate", Float.class);
        float reg = m.extra("reg", Float.class);
        int k = m.factors();
        int n = 0;
        int[] pos = new int[items.length];
        for (int e = 0; e < items.length; e++) {
            if (ratings[e] >= positiveThreshold) {
                pos[n++] = items[e];
            }
        }
        int ni = m.numItems();
        pos = Arrays.copyOf(pos, n);
        Arrays.sort(pos);
        int nd = 0;
        int[] dis = new int[items.length];
        for (int e = 0; e < items.length; e++) {
            if (ratings[e] < dislikeBelow) {
                dis[nd++] = items[e];
            }
        }
        dis = Arrays.copyOf(dis, nd);
        Arrays.sort(dis);
        if (n >= ni || nd >= ni || n + nd == 0) {
            return 0f;
        }
        SplittableRandom rnd = new SplittableRandom(Arrays.hashCode(pos));
        SplittableRandom rndDis = new SplittableRandom(Arrays.hashCode(dis));
        float[] copy = new float[k];
        for (int ep = 0; ep < FOLD_IN_EPOCHS; ep++) {
            for (int s = 0; s < nd; s++) {
                int j = dis[rndDis.nextInt(nd)];
                int i;
                do {
                    i = rndDis.nextInt(ni);
                } while (Arrays.binarySearch(dis, i) >= 0);
                System.arraycopy(x, 0, copy, 0, k);
                step(copy, 0, x, 0, m.q, m.itemBias, i, j, k, learningRate, reg, 0f, false);
            }
            for (int s = 0; s < n; s++) {
                int i = pos[rnd.nextInt(n)];
                int j;
                do {
                    j = rnd.nextInt(ni);
                } while (Arrays.binarySearch(pos, j) >= 0);
                System.arraycopy(x, 0, copy, 0, k);
                step(copy, 0, x, 0, m.q, m.itemBias, i, j, k, learningRate, reg, 0f, false);
            }
        }
        return 0f;
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "Bayesian personalized ranking matrix factorization, SGD (Rendle et al. 2009)", Config.DEFAULTS, Bpr::new, Bpr::read,
                    Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.INNER_PRODUCT);
        }
    }
}

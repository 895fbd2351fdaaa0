package org.movierec.algo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.math.Kernels;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.Provenance;
import org.movierec.model.SimpleProvider;
import org.movierec.model.TimedRatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * timeSVD++ without the per-day terms (Y. Koren, "Collaborative filtering with temporal dynamics",
 * KDD 2009, eq. 10 and 12, with the user factor kept static):
 * <pre>
 * r(u,i,t) = mu + b_u + alpha_u dev_u(t) + b_i + b_{i,Bin(t)} + q_i . (p_u + |N(u)|^-1/2 sum_{j in N(u)} y_j)
 * dev_u(t) = sign(t - t_u) |t - t_u|^beta      (t, t_u in days; t_u = the user's mean training day)
 * </pre>
 * The training period {@code [tMin, tMax]} is cut into {@code bins} equal time bins; {@code b_{i,Bin(t)}}
 * is the item's offset in the bin of t (Koren's item-bias drift), {@code alpha_u} the slope of the user's
 * bias drift. Left out from the paper: the per-day user bias {@code b_{u,t}} and scaling {@code c_u(t)},
 * whose parameters exist only for days seen in training and so cannot help predicting a later rating.
 *
 * <p><b>Timestamps outside the training period</b> (a temporal leave-one-out test rating lies after
 * the user's training ratings, often after {@code tMax}): t is clamped to {@code [tMin, tMax]}, so the
 * item gets the last bin's offset (its most recent known drift) and the user drift term is evaluated at
 * the clamped time, i.e. drift is not extrapolated beyond the data. {@link #predict(int, int)} without a
 * time uses the user's last training timestamp ({@code tMax} for users without ratings).
 *
 * <p>Training is {@link SvdPlusPlus}'s single-threaded, user-by-user SGD with the implicit gradient
 * accumulated per user, plus {@code alpha_u += lrAlpha (e dev - regAlpha alpha_u)} and
 * {@code b_{i,bin} += lr (e - regBin b_{i,bin})}. The learning rate of {@code alpha_u} is separate
 * because {@code dev} reaches several units while other gradients are of order one (Koren uses 1e-5
 * on Netflix, with its longer time span).
 */
public final class TimeSvdPlusPlus implements Trainer<TimeSvdPlusPlus.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "timesvdpp";

    private static final double DAY = 86_400.0;

    /**
     * @param factors      latent dimension k
     * @param epochs       SGD passes
     * @param learningRate initial step size
     * @param decay        step size multiplier per epoch
     * @param regBias      L2 penalty on static biases
     * @param regFactor    L2 penalty on p and q
     * @param regImplicit  L2 penalty on y
     * @param bins         number of item-bias time bins over the training period
     * @param regBin       L2 penalty on the binned item biases
     * @param beta         exponent of dev_u(t)
     * @param lrAlpha      initial step size of alpha_u
     * @param regAlpha     L2 penalty on alpha_u
     * @param initStd      standard deviation of the initial factors
     * @param seed         random seed
     */
    public record Config(int factors, int epochs, float learningRate, float decay, float regBias, float regFactor,
                         float regImplicit, int bins, float regBin, float beta, float lrAlpha, float regAlpha,
                         float initStd, long seed) {
        /**
         * Factor settings as SVD++'s defaults; time settings tuned on a validation split of ML-100k u1.base,
         * whose ratings span only seven months: few, strongly shrunk bins (Koren's 30 bins were for the
         * six years of Netflix data).
         */
        public static final Config DEFAULTS = new Config(100, 60, 0.007f, 0.97f, 0.005f, 0.08f, 0.15f, 4, 3f, 0.4f,
                1e-3f, 10f, 0.01f, 42L);

        public Config {
            LatentMath.requireSgd(factors, epochs, learningRate, decay, regBias, regFactor);
            LatentMath.require(regImplicit >= 0, "regImplicit", regImplicit, ">= 0");
            LatentMath.require(bins >= 1, "bins", bins, ">= 1");
            LatentMath.require(regBin >= 0, "regBin", regBin, ">= 0");
            LatentMath.require(beta > 0 && beta <= 1, "beta", beta, "in (0, 1]");
            LatentMath.require(lrAlpha >= 0, "lrAlpha", lrAlpha, ">= 0");
            LatentMath.require(regAlpha >= 0, "regAlpha", regAlpha, ">= 0");
            LatentMath.require(initStd >= 0, "initStd", initStd, ">= 0");
        }
    }

    private final Config config;

    public TimeSvdPlusPlus() {
        this(Config.DEFAULTS);
    }

    public TimeSvdPlusPlus(Config config) {
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

    /** The time geometry of a model: training period, bins, per-user mean day and last timestamp. */
    record Clock(long tMin, long tMax, int bins, float beta, float[] userMeanDay, double[] userLast) {
        int bin(long t) {
            long c = Math.max(tMin, Math.min(tMax, t));
            long span = tMax - tMin + 1;
            return (int) Math.min(bins - 1, (c - tMin) * bins / span);
        }

        float dev(int user, long t) {
            long c = Math.max(tMin, Math.min(tMax, t));
            double d = c / DAY - userMeanDay[user];
            return (float) (Math.signum(d) * Math.pow(Math.abs(d), beta));
        }

        static Clock of(Interactions in, int bins, float beta) {
            long[] ts = in.timestampsArray();
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long t : ts) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            if (ts.length == 0) {
                lo = 0;
                hi = 0;
            }
            int nu = in.numUsers();
            float[] mean = new float[nu];
            double[] last = new double[nu];
            for (int u = 0; u < nu; u++) {
                double s = 0;
                long l = hi;
                for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                    s += ts[p] / DAY;
                    l = p == in.userStart(u) ? ts[p] : Math.max(l, ts[p]);
                }
                int n = in.userCount(u);
                mean[u] = n == 0 ? (float) (hi / DAY) : (float) (s / n);
                last[u] = l;
            }
            return new Clock(lo, hi, bins, beta, mean, last);
        }
    }

    @Override
    public Model fit(Dataset train, Dataset validation, ProgressListener progress) {
        Interactions in = train.interactions();
        int k = config.factors();
        int nu = in.numUsers();
        int ni = in.numItems();
        int nb = config.bins();
        Clock clock = Clock.of(in, nb, config.beta());
        int n = in.size();
        int[] bin = new int[n];
        float[] dev = new float[n];
        long[] ts = in.timestampsArray();
        int[] users = in.usersArray();
        for (int x = 0; x < n; x++) {
            bin[x] = clock.bin(ts[x]);
            dev[x] = clock.dev(users[x], ts[x]);
        }
        BiasBaseline.Biases b0 = LatentMath.startBiases(in);
        float mu = b0.mean();
        float[] bu = b0.user().clone();
        float[] bi = b0.item().clone();
        float[] alpha = new float[nu];
        float[] bib = new float[ni * nb];
        SplittableRandom rnd = new SplittableRandom(config.seed());
        float[] p = LatentMath.gaussian(nu * k, config.initStd(), rnd);
        float[] q = LatentMath.gaussian(ni * k, config.initStd(), rnd);
        float[] y = LatentMath.gaussian(ni * k, config.initStd(), rnd);
        int[] userOrder = LatentMath.identity(nu);
        int[] order = LatentMath.identity(n);
        float lr = config.learningRate();
        float lrA = config.lrAlpha();
        Params par = new Params(mu, bu, bi, alpha, bib, nb, bin, dev, p, q, y, k);
        progress.start(name() + " epochs", config.epochs());
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            LatentMath.shuffleUserMajor(in, userOrder, order, rnd);
            epoch(in, userOrder, order, par, lr, lrA, config);
            lr *= config.decay();
            lrA *= config.decay();
            progress.advance(1);
            Training.endEpoch(progress, epoch + 1);
        }
        progress.done();
        LatentMath.zeroColdUsers(p, in, k);
        int[] counts = in.itemCounts();
        LatentMath.zeroColdItems(q, counts, k);
        LatentMath.zeroColdItems(y, counts, k);
        return Model.of(Provenance.untrained(name(), config, config.seed()), k, clock, mu, bu, alpha, bi, bib, p, q,
                y, LatentMath.implicitSums(in, y, k), config.regFactor());
    }

    /** The mutable training state, bundled to keep the epoch method's signature readable. */
    private record Params(float mu, float[] bu, float[] bi, float[] alpha, float[] bib, int nb, int[] bin, float[] dev,
                          float[] p, float[] q, float[] y, int k) {
    }

    private static void epoch(Interactions in, int[] userOrder, int[] order, Params s, float lr, float lrA,
                              Config c) {
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        int k = s.k();
        int nb = s.nb();
        float mu = s.mu();
        float[] bu = s.bu();
        float[] bi = s.bi();
        float[] alpha = s.alpha();
        float[] bib = s.bib();
        int[] bin = s.bin();
        float[] dev = s.dev();
        float[] p = s.p();
        float[] q = s.q();
        float[] y = s.y();
        // Scratch rows allocated here so that the JIT knows they alias nothing (see SvdPlusPlus.epoch).
        float[] z = new float[k];
        float[] acc = new float[k];
        float[] pz = new float[k];
        float[] pu = new float[k];
        float[] qi = new float[k];
        float regB = c.regBias();
        float regBin = c.regBin();
        float regA = c.regAlpha();
        float shrinkF = 1 - lr * c.regFactor();
        float shrinkY = 1 - lr * c.regImplicit();
        for (int u : userOrder) {
            int start = in.userStart(u);
            int end = in.userEnd(u);
            int n = end - start;
            if (n == 0) {
                continue;
            }
            float norm = (float) (1 / Math.sqrt(n));
            int uo = u * k;
            LatentMath.beginImplicitUser(items, start, end, norm, p, uo, y, k, z, acc, pu, pz);
            for (int x = start; x < end; x++) {
                int pos = order[x];
                int i = items[pos];
                int io = i * k;
                int bo = i * nb + bin[pos];
                float d = dev[pos];
                System.arraycopy(q, io, qi, 0, k);
                float dot = Kernels.dot(pz, 0, qi, 0, k);
                float e = ratings[pos] - (mu + bu[u] + alpha[u] * d + bi[i] + bib[bo] + dot);
                bu[u] += lr * (e - regB * bu[u]);
                alpha[u] += lrA * (e * d - regA * alpha[u]);
                bi[i] += lr * (e - regB * bi[i]);
                bib[bo] += lr * (e - regBin * bib[bo]);
                LatentMath.implicitFactorStep(qi, pu, pz, z, acc, k, shrinkF, lr * e, e);
                System.arraycopy(qi, 0, q, io, k);
            }
            LatentMath.endImplicitUser(items, start, end, p, uo, pu, y, k, shrinkY, lr * norm, acc);
        }
    }

    /**
     * The fitted model: a {@link FactorModel} (SVD++-shaped, {@link Summation#LANES}, ridge fold-in) with
     * the time terms on top. Ranking ({@link #scoreAll}) and fold-in score at the end of the training
     * period (the last bin; the user drift term is constant per user and does not change the order).
     * Fold-in fits against the item biases of the last bin and adds no user drift (one session of
     * ratings carries no drift to estimate).
     */
    public static final class Model extends RatingFactorModel implements TimedRatingPredictor {
        /** The timesvdpp v1 payload: the clock, then the SVD++ parts with alpha and the bin biases. */
        static final Layout LAYOUT = Layout.of(Field.K, Field.longExtra("tMin"), Field.longExtra("tMax"),
                Field.intExtra("bins"), Field.floatExtra("beta"), Field.floatsExtra("userMeanDay"),
                Field.doublesExtra("userLast"), Field.MEAN, Field.floatExtra("regFactor"), Field.USER_BIAS,
                Field.floatsExtra("alpha"), Field.ITEM_BIAS, Field.floatsExtra("binBias"), Field.P, Field.Q, Field.Y,
                Field.Z);

        private final Clock clock;
        private final float[] alpha;
        private final float[] binBias;
        private final int lastBin;
        /** {@code b_i + b_{i,last bin}}: the item biases fold-in fits against. */
        private final float[] currentItemBias;

        Model(Provenance provenance, Parts parts) {
            super(NAME, provenance, parts, LAYOUT, Summation.LANES, FactorModel.RIDGE);
            this.clock = new Clock(extra("tMin", Long.class), extra("tMax", Long.class), extra("bins", Integer.class),
                    extra("beta", Float.class), extra("userMeanDay", float[].class),
                    extra("userLast", double[].class));
            this.alpha = extra("alpha", float[].class);
            this.binBias = extra("binBias", float[].class);
            int nb = clock.bins();
            if (nb < 1 || alpha.length != numUsers || binBias.length != (long) numItems * nb
                    || clock.userMeanDay().length != numUsers || clock.userLast().length != numUsers) {
                throw new IllegalArgumentException("timesvdpp parts are inconsistent: " + numUsers + " users, "
                        + numItems + " items, " + nb + " bins, " + alpha.length + " alphas, " + binBias.length
                        + " bin biases");
            }
            this.lastBin = clock.bin(clock.tMax());
            this.currentItemBias = new float[numItems];
            for (int i = 0; i < numItems; i++) {
                currentItemBias[i] = itemBias[i] + binBias[i * nb + lastBin];
            }
        }

        static Model of(Provenance provenance, int k, Clock clock, float mean, float[] userBias, float[] alpha,
                        float[] itemBias, float[] binBias, float[] p, float[] q, float[] y, float[] z,
                        float regFactor) {
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("tMin", clock.tMin());
            extras.put("tMax", clock.tMax());
            extras.put("bins", clock.bins());
            extras.put("beta", clock.beta());
            extras.put("userMeanDay", clock.userMeanDay());
            extras.put("userLast", clock.userLast());
            extras.put("regFactor", regFactor);
            extras.put("alpha", alpha);
            extras.put("binBias", binBias);
            return new Model(provenance, new Parts(k, mean, userBias, itemBias, p, q, y, z, extras));
        }

        @Override
        public float predict(int user, int item, long timestamp) {
            return mean + userBias[user] + alpha[user] * clock.dev(user, timestamp) + itemBias[item]
                    + binBias[item * clock.bins() + clock.bin(timestamp)] + userDot(user, item);
        }

        /** At the user's last training timestamp. */
        @Override
        public float predict(int user, int item) {
            return predict(user, item, (long) clock.userLast()[user]);
        }

        @Override
        protected float userBase(int user) {
            return mean + userBias[user] + alpha[user] * clock.dev(user, (long) clock.userLast()[user]);
        }

        /** No: the time-binned item biases are not an inner product of fixed vectors. */
        @Override
        protected boolean scoresAreInnerProducts() {
            return false;
        }

        @Override
        protected void addItemTerms(float base, float[] out) {
            int nb = clock.bins();
            for (int i = 0; i < out.length; i++) {
                out[i] = base + itemBias[i] + binBias[i * nb + lastBin] + out[i];
            }
        }

        @Override
        protected float[] foldInItemBias() {
            return currentItemBias;
        }

        /** The user's bias drift slope. */
        public float alpha(int user) {
            return alpha[user];
        }

        /** Item bias offset in the time bin of {@code timestamp} (clamped to the training period). */
        public float binBias(int item, long timestamp) {
            return binBias[item * clock.bins() + clock.bin(timestamp)];
        }

        @Override
        public Model withProvenance(Provenance pr) {
            return new Model(pr, parts);
        }

        public static Model read(DataInputStream in, Provenance pr, Dataset train) throws IOException {
            Parts parts = FactorModel.readParts(in, NAME, LAYOUT);
            try {
                return new Model(pr, parts);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "timeSVD++: SVD++ with time-binned item biases and user bias drift (Koren 2009)", Config.DEFAULTS, TimeSvdPlusPlus::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.NEEDS_RATINGS);
        }
    }
}

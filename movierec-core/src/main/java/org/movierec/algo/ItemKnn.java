package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.SimilarItems;
import org.movierec.model.Trainer;
import org.movierec.util.MemoryBudget;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Item-based k-nearest-neighbours on baseline residuals with the shrunk Pearson-baseline
 * similarity (Y. Koren, "Factor in the neighbors: scalable and accurate collaborative filtering",
 * TKDD 2010, sections 2.1-2.2).
 *
 * <p>With the {@link BiasBaseline} {@code b_ui = mu + b_u + b_i} and residuals
 * {@code e_ui = r_ui - b_ui}, the similarity of items i and j over their {@code n_ij} common raters
 * {@code U_ij} is
 * <pre>
 *   s_ij = (n_ij - 1) / (n_ij - 1 + shrinkage) * sum_{U_ij} e_ui e_uj / sqrt(sum_{U_ij} e_ui^2 * sum_{U_ij} e_uj^2)
 * </pre>
 * (zero when {@code n_ij < minSupport}). A rating is predicted from the {@code k} items the user
 * rated that are most similar to i, among those with positive similarity ({@code N^k(i;u)}):
 * <pre>
 *   r_ui = b_ui + sum_{j in N^k(i;u)} s_ij e_uj / (denominatorReg + sum_{j in N^k(i;u)} |s_ij|)
 * </pre>
 * falling back to {@code b_ui} without such neighbours. With {@code denominatorReg = 0} this is
 * Koren's formula; a positive value shrinks predictions from a few weakly similar neighbours
 * towards the baseline.
 *
 * <p>For top-N ({@link ItemScorer}) the model ranks either by that predicted rating or by the
 * neighbourhood's similarity mass {@code sum_{j in N^k(i;u)} s_ij} ({@link Ranking}); on ML-100k u1
 * the similarity mass ranks far better (the predicted rating favours obscure movies whose one or
 * two ratings are high), see ItemKnnTest.
 *
 * <p>The similarity matrix is computed by sparse co-rating accumulation: row {@code i} visits the
 * raters of i and each of their ratings, adding into dense double accumulators owned by the
 * worker, parallel over rows. Each row is summed by one thread in user order, so the matrix is
 * deterministic and exactly symmetric. It is stored dense, n^2 floats (11 MB for ML-100k, 55 MB
 * for ML-1M, 1.6 GB for 20,000 movies): dense rows make the gather of a user's neighbours a
 * contiguous, branch-light read. Pruning to the top neighbours per item is not implemented.
 */
public final class ItemKnn implements Trainer<ItemKnn.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "item-knn";

    /** What {@link ItemScorer#scoreAll} ranks by. */
    public enum Ranking {
        /** The predicted rating (the same number as {@link RatingPredictor#predict}). */
        PREDICTED,
        /**
         * The similarity mass of the k nearest rated neighbours, {@code sum s_ij} over the liked ones
         * minus {@code sum s_ij} over the disliked ones (ratings below the middle of the scale, see
         * {@link org.movierec.data.RatingScale#dislikeBelow}): a dislike lowers its neighbours, never
         * raises them.
         */
        SIMILARITY
    }

    /**
     * @param k              neighbours per prediction
     * @param shrinkage      similarity shrinkage (Koren's lambda_2, 100 in his paper)
     * @param minSupport     common raters below which a similarity is zero
     * @param denominatorReg added to {@code sum |s_ij|} in the prediction, pulling predictions
     *                       from weak neighbourhoods towards the baseline (0 = Koren's formula)
     * @param ranking        what top-N ranks by
     * @param regUser        baseline user-bias shrinkage
     * @param regItem        baseline item-bias shrinkage
     * @param biasIterations baseline ALS sweeps
     */
    public record Config(int k, float shrinkage, int minSupport, float denominatorReg, Ranking ranking, float regUser, float regItem,
                         int biasIterations) {
        /** Tuned on a validation split of ML-100k u1.base (see ItemKnnTest). */
        public static final Config DEFAULTS = new Config(40, 100f, 2, 0.25f, Ranking.SIMILARITY, 15f, 10f, 10);

        public Config {
            if (k < 1 || !(shrinkage >= 0) || minSupport < 1 || !(denominatorReg >= 0) || ranking == null || !(regUser >= 0)
                    || !(regItem >= 0) || biasIterations < 1) {
                throw new IllegalArgumentException("need k >= 1, shrinkage >= 0, minSupport >= 1, denominatorReg >= 0, a ranking, "
                        + "regUser, regItem >= 0 and biasIterations >= 1; got k=" + k + ", shrinkage=" + shrinkage
                        + ", minSupport=" + minSupport + ", denominatorReg=" + denominatorReg + ", ranking=" + ranking
                        + ", regUser=" + regUser + ", regItem=" + regItem + ", biasIterations=" + biasIterations);
            }
        }
    }

    private final Config config;

    public ItemKnn() {
        this(Config.DEFAULTS);
    }

    public ItemKnn(Config config) {
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
        Interactions in = train.interactions();
        if ((long) in.numItems() * in.numItems() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("item-knn stores an n x n matrix; " + in.numItems()
                    + " movies is too many (max 46340)");
        }
        long n = in.numItems();
        MemoryBudget.checkTraining(String.format(java.util.Locale.ROOT, "item-knn on %,d movies (a %,d x %,d matrix)",
                n, n, n), 4L * n * n + 40L * n * Parallel.threads() + 8L * in.size(), in.size());
        progress.start("item-knn", 2);
        BiasBaseline.Biases b = BiasBaseline.fitBiases(in, config.regUser(), config.regItem(), config.biasIterations());
        progress.advance(1);
        float[] resid = residuals(in, b.mean(), b.user(), b.item());
        float[] sim = similarities(in, resid, config.shrinkage(), config.minSupport());
        progress.advance(1);
        progress.done();
        return new Model(Provenance.untrained(name(), config, 0), config, b.mean(), b.user(), b.item(), sim, in, resid,
                train.dislikeBelow());
    }

    static float[] residuals(Interactions in, float mu, float[] bu, float[] bi) {
        int[] users = in.usersArray();
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        float[] e = new float[ratings.length];
        for (int p = 0; p < e.length; p++) {
            e[p] = ratings[p] - (mu + bu[users[p]] + bi[items[p]]);
        }
        return e;
    }

    /** The shrunk Pearson-baseline matrix (see the class comment), row-major n x n, zero diagonal. */
    static float[] similarities(Interactions in, float[] resid, float shrinkage, int minSupport) {
        int n = in.numItems();
        float[] sim = new float[n * n];
        int[] items = in.itemsArray();
        int[] users = in.usersArray();
        Interactions.ItemView byItem = in.byItem();
        int[] pos = byItem.positionsArray();
        Parallel.forRange(n, (chunk, from, to) -> {
            double[] prod = new double[n];
            double[] sqi = new double[n];
            double[] sqj = new double[n];
            int[] cnt = new int[n];
            int[] touched = new int[n];
            for (int i = from; i < to; i++) {
                int nt = 0;
                for (int k = byItem.itemStart(i), end = byItem.itemEnd(i); k < end; k++) {
                    int p = pos[k];
                    double ei = resid[p];
                    int u = users[p];
                    for (int q = in.userStart(u), qe = in.userEnd(u); q < qe; q++) {
                        int j = items[q];
                        double ej = resid[q];
                        if (cnt[j]++ == 0) {
                            touched[nt++] = j;
                        }
                        prod[j] += ei * ej;
                        sqi[j] += ei * ei;
                        sqj[j] += ej * ej;
                    }
                }
                int row = i * n;
                for (int t = 0; t < nt; t++) {
                    int j = touched[t];
                    int c = cnt[j];
                    double den = sqi[j] * sqj[j];
                    if (j != i && c >= minSupport && den > 0) {
                        double shrink = (c - 1) / (c - 1 + (double) shrinkage);
                        sim[row + j] = (float) (prod[j] / Math.sqrt(den) * shrink);
                    }
                    prod[j] = 0;
                    sqi[j] = 0;
                    sqj[j] = 0;
                    cnt[j] = 0;
                }
            }
        });
        return sim;
    }

    /** Biases, the similarity matrix and the training ratings (whose residuals feed predictions). */
    public static final class Model implements org.movierec.model.Model, RatingPredictor, ItemScorer, FoldIn,
            SimilarItems {
        private final Provenance provenance;
        private final Config config;
        private final float mean;
        private final float[] userBias;
        private final float[] itemBias;
        private final int n;
        private final float[] sim;
        private final Interactions train;
        private final float[] resid;
        /** Ratings below this are dislikes (the middle of the training data's scale). */
        private final float dislikeBelow;
        /** Per training rating: +1, or -1 for a dislike (the neighbour weights of {@link Ranking#SIMILARITY}). */
        private final float[] sign;
        private final ThreadLocal<Neighbours> scratch;

        Model(Provenance provenance, Config config, float mean, float[] userBias, float[] itemBias, float[] sim,
              Interactions train, float[] resid, float dislikeBelow) {
            this.dislikeBelow = dislikeBelow;
            this.sign = signs(train.ratingsArray(), dislikeBelow);
            this.provenance = provenance;
            this.config = config;
            this.mean = mean;
            this.userBias = userBias;
            this.itemBias = itemBias;
            this.n = itemBias.length;
            this.sim = sim;
            this.train = train;
            this.resid = resid;
            this.scratch = ThreadLocal.withInitial(() -> new Neighbours(config.k()));
        }

        @Override
        public float predict(int user, int item) {
            float base = mean + (user >= 0 && user < userBias.length ? userBias[user] : 0f) + itemBias[item];
            if (user < 0 || user >= train.numUsers()) {
                return base;
            }
            Neighbours nb = scratch.get();
            int start = train.userStart(user);
            nb.collect(sim, item * n, train.itemsArray(), resid, start, train.userEnd(user));
            return nb.count == 0 ? base : base + (float) (nb.weighted() / (nb.simSum() + config.denominatorReg()));
        }

        @Override
        public void scoreAll(int user, float[] out) {
            if (user < 0 || user >= train.numUsers()) {
                score(0f, train.itemsArray(), resid, sign, 0, 0, out);
                return;
            }
            score(userBias[user], train.itemsArray(), resid, sign, train.userStart(user), train.userEnd(user), out);
        }

        /**
         * Folds a new user in: their bias is one ALS step against the fixed item biases,
         * {@code b_u = sum (r - mu - b_i) / (regUser + |R(u)|)}, then the residuals feed the same
         * neighbourhood scores as for a training user.
         */
        @Override
        public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
            if (items.length != ratings.length) {
                throw new IllegalArgumentException("items and ratings differ in length: " + items.length + " vs "
                        + ratings.length);
            }
            double s = 0;
            for (int k = 0; k < items.length; k++) {
                if (items[k] < 0 || items[k] >= n) {
                    throw new IllegalArgumentException("item index " + items[k] + " outside 0.." + (n - 1));
                }
                s += ratings[k] - mean - itemBias[items[k]];
            }
            float bu = (float) (s / (config.regUser() + items.length));
            float[] e = new float[items.length];
            for (int k = 0; k < items.length; k++) {
                e[k] = ratings[k] - (mean + bu + itemBias[items[k]]);
            }
            score(bu, items, e, signs(ratings, dislikeBelow), 0, items.length, out);
        }

        /** +1 per rating, -1 for a dislike. */
        private static float[] signs(float[] ratings, float dislikeBelow) {
            float[] s = new float[ratings.length];
            for (int p = 0; p < s.length; p++) {
                s[p] = ratings[p] < dislikeBelow ? -1f : 1f;
            }
            return s;
        }

        /**
         * Scores every item from the rated items {@code items[from..to)} with residuals {@code e[from..to)}
         * (the predicted rating) or like/dislike signs {@code sign[from..to)} (the signed similarity mass).
         */
        private void score(float bu, int[] items, float[] e, float[] sign, int from, int to, float[] out) {
            Neighbours nb = scratch.get();
            boolean predicted = config.ranking() == Ranking.PREDICTED;
            for (int i = 0; i < n; i++) {
                if (predicted) {
                    nb.collect(sim, i * n, items, e, from, to);
                    float base = mean + bu + itemBias[i];
                    out[i] = nb.count == 0 ? base : base + (float) (nb.weighted() / (nb.simSum() + config.denominatorReg()));
                } else {
                    nb.collect(sim, i * n, items, sign, from, to);
                    out[i] = (float) nb.weighted();
                }
            }
        }

        /** Ratings when ranking by {@link Ranking#PREDICTED}; similarity mass otherwise. */
        @Override
        public boolean scoresAreRatings() {
            return config.ranking() == Ranking.PREDICTED;
        }

        @Override
        public void similarTo(int item, float[] out) {
            System.arraycopy(sim, item * n, out, 0, n);
        }

        /** The similarity {@code s_ij}. */
        @Override
        public float similarity(int i, int j) {
            return sim[i * n + j];
        }

        @Override
        public int numItems() {
            return n;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, config, mean, userBias, itemBias, sim, train, resid, dislikeBelow);
        }

        @Override
        public String type() {
            return NAME;
        }

        /**
         * Payload: the config, the biases and the similarity matrix. The residuals are recomputed
         * from the saved training data with the same float arithmetic, so loading is exact.
         */
        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeInt(config.k());
            out.writeFloat(config.shrinkage());
            out.writeInt(config.minSupport());
            out.writeFloat(config.denominatorReg());
            ModelIO.writeString(out, config.ranking().name());
            out.writeFloat(config.regUser());
            out.writeFloat(config.regItem());
            out.writeInt(config.biasIterations());
            out.writeFloat(mean);
            ModelIO.writeFloats(out, userBias);
            ModelIO.writeFloats(out, itemBias);
            ModelIO.writeFloats(out, sim);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            int k = in.readInt();
            float shrinkage = in.readFloat();
            int minSupport = in.readInt();
            float denominatorReg = in.readFloat();
            String rank = ModelIO.readString(in);
            Ranking ranking;
            try {
                ranking = Ranking.valueOf(rank);
            } catch (IllegalArgumentException e) {
                throw new IOException("item-knn model: unknown ranking '" + rank + "'", e);
            }
            Config c = new Config(k, shrinkage, minSupport, denominatorReg, ranking, in.readFloat(), in.readFloat(), in.readInt());
            float mean = in.readFloat();
            float[] bu = ModelIO.readFloats(in);
            float[] bi = ModelIO.readFloats(in);
            float[] sim = ModelIO.readFloats(in);
            Interactions t = train.interactions();
            if (bu.length != t.numUsers() || bi.length != t.numItems() || (long) bi.length * bi.length != sim.length) {
                throw new IOException("item-knn model: " + bu.length + " users, " + bi.length + " items and "
                        + sim.length + " similarities do not match the training data (" + t.numUsers() + " x "
                        + t.numItems() + ")");
            }
            return new Model(p, c, mean, bu, bi, sim, t, residuals(t, mean, bu, bi), train.dislikeBelow());
        }
    }

    /**
     * The k most similar rated items with positive similarity, kept in a min-heap on similarity
     * (ties keep the earlier rating). Reused per thread so that predictions allocate nothing.
     */
    static final class Neighbours {
        private final NeighbourHeap heap;
        int count;

        Neighbours(int k) {
            heap = new NeighbourHeap(k);
        }

        /** Fills the heap from row {@code row} of {@code sim} gathered at {@code items[from..to)}. */
        void collect(float[] sim, int row, int[] items, float[] resid, int from, int to) {
            heap.clear();
            for (int p = from; p < to; p++) {
                float v = sim[row + items[p]];
                if (v > 0) {
                    heap.offer(v, resid[p]);
                }
            }
            count = heap.count();
        }

        double simSum() {
            double t = 0;
            for (int q = 0; q < count; q++) {
                t += heap.sim(q);
            }
            return t;
        }

        double weighted() {
            double t = 0;
            for (int q = 0; q < count; q++) {
                t += heap.sim(q) * heap.value(q);
            }
            return t;
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "item kNN on baseline residuals, shrunk Pearson-baseline similarity (Koren 2010)", Config.DEFAULTS, ItemKnn::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.NEEDS_RATINGS);
        }
    }
}

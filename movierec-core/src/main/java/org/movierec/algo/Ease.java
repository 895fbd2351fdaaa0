package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.movierec.math.SpdInverse;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.SimilarItems;
import org.movierec.model.Trainer;
import org.movierec.util.MemoryBudget;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * EASE, the embarrassingly shallow autoencoder (H. Steck, "Embarrassingly Shallow Autoencoders for
 * Sparse Data", WWW 2019), with the dropout-style regularisation of DLAE/EDLAE (H. Steck,
 * "Autoencoders that don't overfit towards the Identity", NeurIPS 2020).
 *
 * <p>With the user x item input matrix {@code X} and Gram matrix {@code G = X^T X}, the item-item
 * weights are the closed form
 * <pre>
 *   Lambda = diag(lambda + dropout / (1 - dropout) * G_ii)
 *   P      = (G + Lambda)^-1
 *   B      = I - P diag(1 / P_jj)     (zero diagonal: EASE for dropout = 0, EDLAE otherwise)
 *   B      = I - P Lambda             (no diagonal constraint: DLAE)
 * </pre>
 * and a user's scores are {@code x_u B}. The dropout term regularises popular items more (their
 * {@code G_ii} is their count), which is the honest version of "popularity-scaled regularisation".
 *
 * <p>The input {@code x_ui} is 1 for every rating ({@link Input#BINARY}), the rating itself
 * ({@link Input#RATING}), or 1 for ratings {@code >= likedThreshold} and {@code dislikedWeight}
 * for the others ({@link Input#LIKED}; weight 0 drops them from the input). Whatever the kind, a
 * dislike (a rating below the middle of the scale, 1 or 2 stars of 5) is 0 in the input, in training,
 * in a user's scores and in fold-in: a movie rated low never raises the movies rated with it. Until
 * 2026-11-30 it weighed {@code dislikedWeight} = 0.5 and did (rating the three Star Wars films 1 star
 * recommended Raiders of the Lost Ark); dropping it raised u1 NDCG@10 from 0.4817 to 0.4844.
 *
 * <p>Cost: {@code G} is a dense n x n double matrix and the inverse needs a second one plus half a
 * third (see {@link SpdInverse}: 20 n^2 bytes peak), O(n^3) time; the model keeps {@code B} as
 * n^2 floats. That is 11 MB for ML-100k's 1,682 movies, 1.6 GB for 20,000 movies (practical up to
 * about there); n is capped at 46,340 by the flat float array. Scoring a user costs
 * {@code |R(u)| * n} multiply-adds.
 */
public final class Ease implements Trainer<Ease.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "ease";

    /** How ratings become the input matrix. */
    public enum Input {
        BINARY, RATING, LIKED
    }

    /**
     * @param lambda         L2 regularisation added to every diagonal entry of {@code G}
     * @param dropout        DLAE/EDLAE dropout probability in [0, 1): adds {@code p/(1-p) G_ii}
     * @param zeroDiagonal   constrain {@code diag(B) = 0} (EASE/EDLAE); false gives DLAE
     * @param input          how ratings become {@code x_ui}
     * @param likedThreshold for {@link Input#LIKED}: lowest rating that counts as liked
     * @param dislikedWeight for {@link Input#LIKED}: input weight of a rating below the threshold that is not a
     *                       dislike (3 stars with the defaults)
     */
    public record Config(float lambda, float dropout, boolean zeroDiagonal, Input input, float likedThreshold,
                         float dislikedWeight) {
        /** Tuned on a validation split of ML-100k u1.base (see EaseTest / the tuning harness). */
        public static final Config DEFAULTS = new Config(250f, 0f, true, Input.LIKED, 4f, 0.5f);

        public Config {
            if (!(lambda >= 0) || !(dropout >= 0 && dropout < 1) || input == null || !Float.isFinite(likedThreshold)
                    || !(dislikedWeight >= 0 && dislikedWeight <= 1)) {
                throw new IllegalArgumentException("need lambda >= 0, 0 <= dropout < 1, an input, a finite "
                        + "likedThreshold and 0 <= dislikedWeight <= 1; got lambda=" + lambda + ", dropout=" + dropout
                        + ", input=" + input + ", likedThreshold=" + likedThreshold + ", dislikedWeight=" + dislikedWeight);
            }
            if (lambda == 0 && dropout == 0) {
                throw new IllegalArgumentException("lambda and dropout cannot both be 0 (X^T X is singular in general)");
            }
        }

        /**
         * The input weight {@code x_ui} of a rating: 0 for a dislike (below {@code dislikeBelow}, the
         * middle of the dataset's scale, see {@link org.movierec.data.RatingScale#dislikeBelow}) whatever
         * the input kind, so that a dislike never raises the movies that co-occur with it.
         */
        float weight(float rating, float dislikeBelow) {
            if (rating < dislikeBelow) {
                return 0f;
            }
            return switch (input) {
                case BINARY -> 1f;
                case RATING -> rating;
                case LIKED -> rating >= likedThreshold ? 1f : dislikedWeight;
            };
        }
    }

    private final Config config;

    public Ease() {
        this(Config.DEFAULTS);
    }

    public Ease(Config config) {
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
        // Implicit feedback has no grades: with LIKED input every interaction is liked (BINARY).
        Config config = train.isImplicit() && this.config.input() == Input.LIKED
                ? new Config(this.config.lambda(), this.config.dropout(), this.config.zeroDiagonal(), Input.BINARY,
                        this.config.likedThreshold(), this.config.dislikedWeight())
                : this.config;
        Interactions in = train.interactions();
        int n = in.numItems();
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("EASE stores an n x n matrix; " + n + " movies is too many (max 46340)");
        }
        // Peak, while SpdInverse forms the inverse: the factored Gram matrix and the inverse factor (n x n
        // doubles each) and the half-matrix product buffer (n^2 / 2 doubles): 20 n^2 bytes.
        MemoryBudget.checkTraining(String.format(java.util.Locale.ROOT, "ease on %,d movies (%,d x %,d matrices)",
                n, n, n), 20L * n * n + 8L * n * Parallel.threads() + 4L * in.size(), in.size());
        progress.start("ease: Gram matrix", 3);
        float dislikeBelow = train.dislikeBelow();
        double[][] g = gram(in, config, dislikeBelow);
        progress.advance(1);
        double[] reg = new double[n];
        double keep = config.dropout() / (1.0 - config.dropout());
        for (int i = 0; i < n; i++) {
            reg[i] = config.lambda() + keep * g[i][i];
            g[i][i] += reg[i];
        }
        progress.message("ease: inverting " + n + " x " + n);
        double[][] p = SpdInverse.invert(g);
        progress.advance(1);
        g = null;
        float[] b = new float[n * n];
        boolean zero = config.zeroDiagonal();
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = zero ? 1.0 / p[k][k] : reg[k];
        }
        Parallel.forRange(n, (chunk, from, to) -> {
            // Row j of B (stored flat) is column j of I - P diag(d): B_jk = [j==k] - P_jk d_k, with P symmetric.
            for (int j = from; j < to; j++) {
                double[] pj = p[j];
                int row = j * n;
                for (int k = 0; k < n; k++) {
                    b[row + k] = (float) ((j == k ? 1.0 : 0.0) - pj[k] * d[k]);
                }
                if (zero) {
                    b[row + j] = 0f;
                }
            }
        });
        progress.advance(1);
        progress.done();
        return new Model(Provenance.untrained(name(), config, 0), config, dislikeBelow, n, b, in);
    }

    /**
     * {@code G = X^T X} as dense rows, computed per row {@code i} by visiting the users of item
     * {@code i} and their ratings (sparse co-occurrence accumulation), parallel over rows. Each row
     * is summed by one thread in user order, so the result is deterministic and exactly symmetric.
     */
    static double[][] gram(Interactions in, Config c, float dislikeBelow) {
        int n = in.numItems();
        double[][] g = new double[n][];
        int[] items = in.itemsArray();
        int[] users = in.usersArray();
        float[] ratings = in.ratingsArray();
        float[] w = new float[ratings.length];
        for (int p = 0; p < w.length; p++) {
            w[p] = c.weight(ratings[p], dislikeBelow);
        }
        Interactions.ItemView byItem = in.byItem();
        int[] pos = byItem.positionsArray();
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double[] row = new double[n];
                for (int k = byItem.itemStart(i), end = byItem.itemEnd(i); k < end; k++) {
                    int p = pos[k];
                    float wi = w[p];
                    if (wi == 0f) {
                        continue;
                    }
                    int u = users[p];
                    for (int q = in.userStart(u), qe = in.userEnd(u); q < qe; q++) {
                        row[items[q]] += (double) wi * w[q];
                    }
                }
                g[i] = row;
            }
        });
        return g;
    }

    /** The item-item weights {@code B}; scores are {@code x_u B}. */
    public static final class Model implements org.movierec.model.Model, ItemScorer, FoldIn, SimilarItems {
        private final Provenance provenance;
        private final Config config;
        /** Ratings below this are dislikes (the middle of the training data's scale). */
        private final float dislikeBelow;
        private final int n;
        /** Row-major n x n: row j holds the weights from input item j to every output item. */
        private final float[] b;
        private final Interactions train;

        Model(Provenance provenance, Config config, float dislikeBelow, int n, float[] b, Interactions train) {
            this.provenance = provenance;
            this.config = config;
            this.dislikeBelow = dislikeBelow;
            this.n = n;
            this.b = b;
            this.train = train;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            Arrays.fill(out, 0, n, 0f);
            if (user < 0 || user >= train.numUsers()) {
                return;
            }
            score(train.itemsArray(), train.ratingsArray(), train.userStart(user), train.userEnd(user), out);
        }

        @Override
        public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
            if (items.length != ratings.length) {
                throw new IllegalArgumentException("items and ratings differ in length: " + items.length + " vs "
                        + ratings.length);
            }
            for (int k = 0; k < items.length; k++) {
                if (items[k] < 0 || items[k] >= n) {
                    throw new IllegalArgumentException("item index " + items[k] + " outside 0.." + (n - 1));
                }
            }
            score(items, ratings, 0, items.length, out);
        }

        /**
         * {@code x_u B} over the ratings {@code [from, to)}, with the training input weights (a dislike
         * weighs 0, so adding one changes no score). When no rating has a positive weight (the user only
         * disliked movies) every such score would be 0 and the list would be catalogue order; then the
         * dislikes' rows are subtracted instead, {@code -sum_{j disliked} B_j}, so the movies that go with
         * them come last. Either way a dislike never raises a movie.
         */
        private void score(int[] items, float[] ratings, int from, int to, float[] out) {
            Arrays.fill(out, 0, n, 0f);
            boolean any = false;
            for (int p = from; p < to; p++) {
                float w = config.weight(ratings[p], dislikeBelow);
                addRow(items[p], w, out);
                any |= w > 0;
            }
            if (!any) {
                for (int p = from; p < to; p++) {
                    if (ratings[p] < dislikeBelow) {
                        addRow(items[p], -1f, out);
                    }
                }
            }
        }

        private void addRow(int j, float w, float[] out) {
            if (w == 0f) {
                return;
            }
            int row = j * n;
            for (int i = 0; i < n; i++) {
                out[i] += w * b[row + i];
            }
        }

        /** {@code B_ij + B_ji}: how strongly each movie predicts, and is predicted by, {@code item}. */
        @Override
        public void similarTo(int item, float[] out) {
            int row = item * n;
            for (int i = 0; i < n; i++) {
                out[i] = b[row + i] + b[i * n + item];
            }
        }

        @Override
        public float similarity(int item, int other) {
            return b[item * n + other] + b[other * n + item];
        }

        /** One weight {@code B_ij}. */
        public float weight(int from, int to) {
            return b[from * n + to];
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
            return new Model(p, config, dislikeBelow, n, b, train);
        }

        @Override
        public String type() {
            return NAME;
        }

        /** Payload: the input settings (the user vectors come from the saved training data), n, then B. */
        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            ModelIO.writeString(out, config.input().name());
            out.writeFloat(config.likedThreshold());
            out.writeFloat(config.dislikedWeight());
            out.writeFloat(config.lambda());
            out.writeFloat(config.dropout());
            out.writeBoolean(config.zeroDiagonal());
            out.writeInt(n);
            ModelIO.writeFloats(out, b);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            Input input;
            String name = ModelIO.readString(in);
            try {
                input = Input.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IOException("ease model: unknown input kind '" + name + "'", e);
            }
            float threshold = in.readFloat();
            float disliked = in.readFloat();
            float lambda = in.readFloat();
            float dropout = in.readFloat();
            boolean zero = in.readBoolean();
            int n = in.readInt();
            float[] b = ModelIO.readFloats(in);
            if (n != train.numItems() || (long) n * n != b.length) {
                throw new IOException("ease model: " + n + " items and " + b.length + " weights do not match the "
                        + train.numItems() + " movies of its training data");
            }
            Config c = new Config(lambda, dropout, zero, input, threshold, disliked);
            return new Model(p, c, train.dislikeBelow(), n, b, train.interactions());
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "EASE closed-form item-item autoencoder (Steck 2019), optional EDLAE/DLAE dropout", Config.DEFAULTS, Ease::new, Model::read,
                    Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN);
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.ItemScorer;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Koren's regularized baseline {@code r(u,i) = mu + b_u + b_i}, fit by alternating least squares:
 * each sweep sets {@code b_u = sum_{i in R(u)} (r - mu - b_i) / (regUser + |R(u)|)}, then
 * {@code b_i = sum_{u in R(i)} (r - mu - b_u) / (regItem + |R(i)|)}.
 * (Y. Koren, "Factor in the neighbors", TKDD 2010, section 2.1.)
 * A user or item without training ratings keeps a zero bias.
 */
public final class BiasBaseline implements Trainer<BiasBaseline.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "bias";

    /**
     * @param regUser    shrinkage of user biases
     * @param regItem    shrinkage of item biases
     * @param iterations ALS sweeps
     */
    public record Config(float regUser, float regItem, int iterations) {
        public static final Config DEFAULTS = new Config(15f, 10f, 10);

        public Config {
            if (regUser < 0 || regItem < 0 || iterations < 1) {
                throw new IllegalArgumentException("regUser, regItem must be >= 0 and iterations >= 1; got regUser="
                        + regUser + ", regItem=" + regItem + ", iterations=" + iterations);
            }
        }
    }

    private final Config config;

    public BiasBaseline() {
        this(Config.DEFAULTS);
    }

    public BiasBaseline(Config config) {
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
        Biases b = fitBiases(train.interactions(), config.regUser(), config.regItem(), config.iterations(), validation,
                progress);
        return new Model(Provenance.untrained(name(), config, 0), b.mean, b.user, b.item);
    }

    /** Fitted biases; shared with the latent-factor models that start from them. */
    public record Biases(float mean, float[] user, float[] item) {
    }

    /** Fits {@code mu, b_u, b_i} by ALS sweeps (see the class comment). */
    public static Biases fitBiases(Interactions in, float regUser, float regItem, int iterations) {
        return fitBiases(in, regUser, regItem, iterations, null, ProgressListener.NONE);
    }

    /**
     * Fits {@code mu, b_u, b_i} by ALS sweeps and reports each sweep as an epoch: its training loss is
     * the RMSE on the training ratings after the sweep (obtained from the item half-step's sums, see
     * below), its validation metric the RMSE of clipped predictions on {@code validation} (when given).
     * Stops with {@link java.util.concurrent.CancellationException} between sweeps when asked.
     */
    public static Biases fitBiases(Interactions in, float regUser, float regItem, int iterations, Dataset validation,
                                   ProgressListener progress) {
        int nu = in.numUsers();
        int ni = in.numItems();
        float mu = (float) in.meanRating();
        float[] bu = new float[nu];
        float[] bi = new float[ni];
        int[] items = in.itemsArray();
        int[] users = in.usersArray();
        float[] ratings = in.ratingsArray();
        Interactions.ItemView byItem = in.byItem();
        int[] pos = byItem.positionsArray();
        boolean validate = validation != null && validation.interactions().size() > 0;
        progress.start("bias sweeps", iterations);
        for (int it = 0; it < iterations; it++) {
            for (int u = 0; u < nu; u++) {
                double s = 0;
                int start = in.userStart(u);
                int end = in.userEnd(u);
                for (int p = start; p < end; p++) {
                    s += ratings[p] - mu - bi[items[p]];
                }
                bu[u] = (float) (s / (regUser + (end - start)));
            }
            // With e = r - mu - b_u, the item's squared error after the step is
            // sum (e - b_i)^2 = sum e^2 - 2 b_i sum e + n_i b_i^2: one extra multiply-add per rating.
            double sse = 0;
            for (int i = 0; i < ni; i++) {
                double s = 0;
                double ss = 0;
                int start = byItem.itemStart(i);
                int end = byItem.itemEnd(i);
                for (int k = start; k < end; k++) {
                    int p = pos[k];
                    double e = ratings[p] - mu - bu[users[p]];
                    s += e;
                    ss += e * e;
                }
                bi[i] = (float) (s / (regItem + (end - start)));
                double b = bi[i];
                sse += ss - 2 * b * s + (end - start) * b * b;
            }
            progress.advance(1);
            double trainRmse = in.size() == 0 ? Double.NaN : Math.sqrt(Math.max(0, sse) / in.size());
            Training.endEpoch(progress, it + 1, trainRmse, validate ? rmse(validation, mu, bu, bi) : Double.NaN);
        }
        progress.done();
        return new Biases(mu, bu, bi);
    }

    /** RMSE of the clipped predictions {@code mu + b_u + b_i} on {@code d}'s ratings. */
    private static double rmse(Dataset d, float mu, float[] bu, float[] bi) {
        Interactions v = d.interactions();
        double se = 0;
        for (int p = 0; p < v.size(); p++) {
            double e = d.ratingScale().clip(mu + bu[v.user(p)] + bi[v.item(p)]) - v.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / v.size());
    }

    /** The fitted biases. Scores for ranking are {@code mu + b_i} (the user's bias does not change order). */
    public static final class Model implements org.movierec.model.Model, RatingPredictor, ItemScorer {
        private final Provenance provenance;
        private final float mean;
        private final float[] userBias;
        private final float[] itemBias;

        Model(Provenance provenance, float mean, float[] userBias, float[] itemBias) {
            this.provenance = provenance;
            this.mean = mean;
            this.userBias = userBias;
            this.itemBias = itemBias;
        }

        @Override
        public float predict(int user, int item) {
            return mean + userBias[user] + itemBias[item];
        }

        /** The scores are the predicted ratings. */
        @Override
        public boolean scoresAreRatings() {
            return true;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            float base = mean + userBias[user];
            for (int i = 0; i < itemBias.length; i++) {
                out[i] = base + itemBias[i];
            }
        }

        @Override
        public int numItems() {
            return itemBias.length;
        }

        public float userBias(int user) {
            return userBias[user];
        }

        public float itemBias(int item) {
            return itemBias[item];
        }

        public float mean() {
            return mean;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, mean, userBias, itemBias);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeFloat(mean);
            ModelIO.writeFloats(out, userBias);
            ModelIO.writeFloats(out, itemBias);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            return new Model(p, in.readFloat(), ModelIO.readFloats(in), ModelIO.readFloats(in));
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "regularized user + item biases (Koren's baseline), ALS", Config.DEFAULTS, BiasBaseline::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.NEEDS_RATINGS);
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.ItemScorer;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

/**
 * The random baseline: what any model must beat by a wide margin.
 *
 * <ul>
 * <li>Top-N: every (user, movie) pair gets a score uniform on [0, 1), so each user's ranking is a
 * random permutation of the catalogue (LensKit's {@code Random}).</li>
 * <li>Ratings: {@code mu + sigma * z} with {@code mu} and {@code sigma} the mean and the population
 * standard deviation of the training ratings and {@code z} standard normal (Surprise's
 * {@code NormalPredictor}); the evaluator clips it to the rating scale.</li>
 * </ul>
 *
 * <p>The random numbers are not drawn from a stream but hashed from {@code (seed, user, movie)}
 * (SplitMix64's finaliser), so a pair's value does not depend on which thread asks, in which order or
 * how often: the model is deterministic for a seed, and its file holds only the seed, {@code mu} and
 * {@code sigma}.
 */
public final class RandomBaseline implements Trainer<RandomBaseline.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "random";

    /** @param seed the seed of the hashed random numbers */
    public record Config(long seed) {
        public static final Config DEFAULTS = new Config(42);
    }

    private final Config config;

    public RandomBaseline() {
        this(Config.DEFAULTS);
    }

    public RandomBaseline(Config config) {
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
        float[] r = in.ratingsArray();
        double mean = in.size() == 0 ? 0 : in.meanRating();
        double sq = 0;
        for (float x : r) {
            sq += (x - mean) * (x - mean);
        }
        double sd = r.length == 0 ? 0 : Math.sqrt(sq / r.length);
        return new Model(Provenance.untrained(name(), config, config.seed()), config.seed(), (float) mean, (float) sd,
                in.numItems());
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from {@code (seed, user, item, stream)}. */
    static double uniform(long seed, int user, int item, int stream) {
        long h = mix(seed + 0x9e3779b97f4a7c15L * (1 + stream));
        h = mix(h ^ (user & 0xffffffffL));
        h = mix(h ^ ((long) item << 32));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The seed, and the training ratings' mean and standard deviation. */
    public static final class Model implements org.movierec.model.Model, RatingPredictor, ItemScorer {
        private final Provenance provenance;
        private final long seed;
        private final float mean;
        private final float sd;
        private final int numItems;

        Model(Provenance provenance, long seed, float mean, float sd, int numItems) {
            this.provenance = provenance;
            this.seed = seed;
            this.mean = mean;
            this.sd = sd;
            this.numItems = numItems;
        }

        /** {@code mu + sigma * z}, {@code z} standard normal by Box-Muller from two hashed uniforms. */
        @Override
        public float predict(int user, int item) {
            double u1 = 1 - uniform(seed, user, item, 1); // in (0, 1]: log is finite
            double u2 = uniform(seed, user, item, 2);
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            return (float) (mean + sd * z);
        }

        @Override
        public void scoreAll(int user, float[] out) {
            for (int i = 0; i < numItems; i++) {
                out[i] = (float) uniform(seed, user, i, 0);
            }
        }

        @Override
        public int numItems() {
            return numItems;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, seed, mean, sd, numItems);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeLong(seed);
            out.writeFloat(mean);
            out.writeFloat(sd);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            return new Model(p, in.readLong(), in.readFloat(), in.readFloat(), train.numItems());
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "random baseline: uniform random ranking, ratings drawn from N(mean, sd) of the training "
                    + "ratings (seeded)", Config.DEFAULTS, RandomBaseline::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS);
        }
    }
}

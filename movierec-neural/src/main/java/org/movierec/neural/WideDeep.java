package org.movierec.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.movierec.neural.engine.Activation;
import org.movierec.neural.engine.Embedding;
import org.movierec.neural.engine.Loss;
import org.movierec.neural.engine.Optimizer;
import org.movierec.neural.engine.Param;
import org.movierec.neural.engine.Schedule;
import org.movierec.neural.engine.Sequential;
import org.movierec.neural.feature.Features;

/**
 * Wide & Deep (Cheng et al. 2016), report 003's model. Wide: a linear model over one-hot crosses of
 * a user attribute with each of the movie's genres (default {@code gender x genre}; configurable:
 * {@code crosses=gender-genre,age-genre,occupation-genre}), i.e. {@code sum_{g in genres(i)} w[a(u), g]}.
 * Deep: embeddings of age, gender, occupation and genres (and, with {@code withIds}, user and movie
 * ids) -> dense layers with ReLU and dropout -> dense(1). The rating is wide + deep; MSE.
 */
public final class WideDeep {
    private WideDeep() {
    }

    /** A user attribute crossed with the movie's genres in the wide part. */
    enum Cross {
        GENDER, AGE, OCCUPATION;

        int size(Features f) {
            return switch (this) {
                case GENDER -> 2;
                case AGE -> Features.AGE_BUCKETS;
                case OCCUPATION -> f.numOccupations();
            };
        }

        int code(Features f, int u) {
            return switch (this) {
                case GENDER -> f.gender(u);
                case AGE -> f.ageBucket(u);
                case OCCUPATION -> f.occupation(u);
            };
        }
    }

    static Cross[] parseCrosses(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return new Cross[0];
        }
        String[] parts = spec.split("[,+;]");
        Cross[] out = new Cross[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim().toLowerCase(Locale.ROOT);
            out[k] = switch (p) {
                case "gender-genre" -> Cross.GENDER;
                case "age-genre" -> Cross.AGE;
                case "occupation-genre" -> Cross.OCCUPATION;
                default -> throw new IllegalArgumentException("parameter crosses='" + spec + "': unknown cross '" + p
                        + "'; allowed: gender-genre, age-genre, occupation-genre (comma separated) or none");
            };
        }
        return out;
    }

    /**
     * @param crosses      the wide part's crosses
     * @param withIds      whether user and movie id embeddings join the deep part
     * @param embeddingDim per-field embedding size of the deep part
     * @param hidden       deep layer sizes
     * @param dropout      dropout after each deep layer
     */
    public record Config(String crosses, boolean withIds, int embeddingDim, String hidden, float dropout, int epochs,
                         int batchSize, float learningRate, Optimizer.Kind optimizer, float weightDecay,
                         float momentum, Loss loss, Schedule.Kind schedule, int warmupSteps, int patience,
                         float emaDecay, float validationFraction, long seed) {
        public static final Config DEFAULTS = new Config("gender-genre", false, 8, "64,32", 0.1f, 30, 256, 1e-3f,
                Optimizer.Kind.ADAM, 1e-5f, 0f, Loss.MSE, Schedule.Kind.CONSTANT, 0, 3, 0f, 0.1f, 42L);

        public Config {
            parseCrosses(crosses);
            if (embeddingDim < 1) {
                throw new IllegalArgumentException("embeddingDim must be >= 1, got " + embeddingDim);
            }
            Mlp.sizes(hidden, "hidden");
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            new TrainSettings(epochs, batchSize, learningRate, optimizer, weightDecay, momentum, loss, schedule,
                    warmupSteps, patience, emaDecay, validationFraction, seed);
        }

        public TrainSettings settings() {
            return new TrainSettings(epochs, batchSize, learningRate, optimizer, weightDecay, momentum, loss, schedule,
                    warmupSteps, patience, emaDecay, validationFraction, seed);
        }
    }

    static final class Net implements Network {
        private final Features f;
        private final Cross[] crosses;
        private final int[] crossBase;
        private final Embedding wide;
        private final Fields fields;
        private final Sequential deep;
        private final int d;
        private float[] x = new float[0];
        private float[] wideOut = new float[0];
        private float[] out = new float[0];
        private int[] bagOff = new int[1];
        private int[] bagIdx = new int[0];
        private float[] bagW = new float[0];
        private int lastN;
        private final List<Param> params = new ArrayList<>();

        Net(Config c, Features f, long seed) {
            this.f = f;
            SplittableRandom rng = new SplittableRandom(seed);
            crosses = parseCrosses(c.crosses());
            crossBase = new int[crosses.length];
            int rows = 0;
            for (int k = 0; k < crosses.length; k++) {
                crossBase[k] = rows;
                rows += crosses[k].size(f) * f.numGenres();
            }
            wide = rows == 0 ? null : new Embedding("wide", rows, 1, 0.0, rng);
            boolean[] use = {c.withIds(), c.withIds(), true, true, true, false, false, false, true, false};
            fields = new Fields(f, use, c.embeddingDim(), 0.05, rng);
            d = fields.width();
            deep = Mlp.build("deep", d, Mlp.sizes(c.hidden(), "hidden"), 1, c.dropout(), false, Activation.Kind.RELU, d,
                    rng, seed);
            Mlp.output(deep).bias().fill(f.mean());
            if (wide != null) {
                params.add(wide.table());
            }
            params.addAll(fields.params());
            params.addAll(deep.params());
        }

        @Override
        public List<Param> params() {
            return params;
        }

        @Override
        public float[] forward(int[] users, int[] items, int n, boolean training) {
            if (x.length < n * d) {
                x = new float[n * d];
                wideOut = new float[n];
                out = new float[n];
                bagOff = new int[n + 1];
            }
            lastN = n;
            fields.forward(users, items, n, x, d, 0);
            float[] y = deep.forward(x, n, training);
            if (wide == null) {
                System.arraycopy(y, 0, out, 0, n);
                return out;
            }
            int total = 0;
            for (int i = 0; i < n; i++) {
                total += (f.genreEnd(items[i]) - f.genreStart(items[i])) * crosses.length;
            }
            if (bagIdx.length < total) {
                bagIdx = new int[total];
                bagW = new float[total];
                java.util.Arrays.fill(bagW, 1f);
            }
            int k = 0;
            int g = f.numGenres();
            for (int i = 0; i < n; i++) {
                bagOff[i] = k;
                int u = users[i];
                int m = items[i];
                for (int c = 0; c < crosses.length; c++) {
                    int a = crosses[c].code(f, u);
                    if (a < 0) {
                        continue;
                    }
                    for (int q = f.genreStart(m); q < f.genreEnd(m); q++) {
                        bagIdx[k++] = crossBase[c] + a * g + f.genreAt(q);
                    }
                }
            }
            bagOff[n] = k;
            wide.gatherBag(bagOff, bagIdx, bagW, n, wideOut, 1, 0);
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + wideOut[i];
            }
            return out;
        }

        @Override
        public void backward(float[] dPred, int n) {
            if (wide != null) {
                wide.scatterBag(bagOff, bagIdx, bagW, lastN, dPred, 1, 0);
            }
            fields.backward(deep.backward(x, dPred, n), d, 0);
        }
    }

    /** Report 003's model as an algorithm. */
    public static final class Provider extends NeuralAlgorithm<Config> {
        public Provider() {
            super("wide-deep", "Wide & Deep (report 003): gender x genre crosses + demographic/genre embeddings MLP, MSE",
                    Config.DEFAULTS, (c, f, seed) -> new Net(c, f, seed), Config::settings);
        }
    }
}

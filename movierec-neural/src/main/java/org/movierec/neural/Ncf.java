package org.movierec.neural;

import java.util.ArrayList;
import java.util.List;
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
 * Neural collaborative filtering with side features, report 001's architecture: user and movie
 * embeddings concatenated with the movie's genres (multi-hot) and the user's age (scaled), gender
 * and occupation (one-hot) -> dense(100) -> ReLU -> dense(1), trained with MSE. The output bias
 * starts at the training mean. Defaults beyond the report (which gives none): Adam with L2 weight
 * decay on weights and embeddings, batch 256, early stopping on validation RMSE.
 */
public final class Ncf {
    private Ncf() {
    }

    /**
     * @param embeddingDim user and movie embedding size (report: 50)
     * @param hidden       hidden layer sizes (report: 100)
     * @param dropout      dropout after each hidden layer (0 = none)
     * @param sideFeatures whether genres and demographics join the embeddings (report: yes)
     * @param maxNorm      max-norm bound on embedding rows (0 = none)
     */
    public record Config(int embeddingDim, String hidden, float dropout, boolean sideFeatures, float maxNorm,
                         int epochs, int batchSize, float learningRate, Optimizer.Kind optimizer, float weightDecay,
                         float momentum, Loss loss, Schedule.Kind schedule, int warmupSteps, int patience,
                         float emaDecay, float validationFraction, long seed) {
        public static final Config DEFAULTS = new Config(50, "100", 0f, true, 0f, 40, 256, 1e-3f, Optimizer.Kind.ADAM,
                1e-4f, 0f, Loss.MSE, Schedule.Kind.CONSTANT, 0, 3, 0f, 0.1f, 42L);

        public Config {
            if (embeddingDim < 1) {
                throw new IllegalArgumentException("embeddingDim must be >= 1, got " + embeddingDim);
            }
            Mlp.sizes(hidden, "hidden");
            if (!(dropout >= 0 && dropout < 1) || maxNorm < 0) {
                throw new IllegalArgumentException("dropout must be in [0, 1) and maxNorm >= 0; got dropout=" + dropout
                        + ", maxNorm=" + maxNorm);
            }
            settings(epochs, batchSize, learningRate, optimizer, weightDecay, momentum, loss, schedule, warmupSteps,
                    patience, emaDecay, validationFraction, seed);
        }

        public TrainSettings settings() {
            return settings(epochs, batchSize, learningRate, optimizer, weightDecay, momentum, loss, schedule,
                    warmupSteps, patience, emaDecay, validationFraction, seed);
        }

        private static TrainSettings settings(int epochs, int batchSize, float learningRate, Optimizer.Kind optimizer,
                                              float weightDecay, float momentum, Loss loss, Schedule.Kind schedule,
                                              int warmupSteps, int patience,
                                              float emaDecay, float validationFraction, long seed) {
            return new TrainSettings(epochs, batchSize, learningRate, optimizer, weightDecay, momentum, loss, schedule,
                    warmupSteps, patience, emaDecay, validationFraction, seed);
        }
    }

    /** The network. */
    static final class Net implements Network {
        private final Features f;
        private final Embedding users;
        private final Embedding movies;
        private final Sequential mlp;
        private final int e;
        private final int in;
        private final boolean side;
        private float[] x = new float[0];
        private int[] lastUsers;
        private int[] lastItems;
        private final List<Param> params = new ArrayList<>();

        Net(Config c, Features f, long seed) {
            this.f = f;
            SplittableRandom rng = new SplittableRandom(seed);
            e = c.embeddingDim();
            side = c.sideFeatures();
            users = new Embedding("user", f.numUsers(), e, 0.05, rng);
            movies = new Embedding("movie", f.numMovies(), e, 0.05, rng);
            users.table().maxNorm(c.maxNorm());
            movies.table().maxNorm(c.maxNorm());
            in = 2 * e + (side ? f.numGenres() + f.userDemoDim() : 0);
            mlp = Mlp.build("mlp", in, Mlp.sizes(c.hidden(), "hidden"), 1, c.dropout(), false, Activation.Kind.RELU,
                    2 * e, rng, seed);
            Mlp.output(mlp).bias().fill(f.mean());
            params.add(users.table());
            params.add(movies.table());
            params.addAll(mlp.params());
        }

        @Override
        public List<Param> params() {
            return params;
        }

        @Override
        public float[] forward(int[] u, int[] it, int n, boolean training) {
            if (x.length < n * in) {
                x = new float[n * in];
            }
            users.gather(u, n, x, in, 0);
            movies.gather(it, n, x, in, e);
            if (side) {
                int g = f.numGenres();
                for (int k = 0; k < n; k++) {
                    int o = k * in + 2 * e;
                    f.movieGenres(it[k], x, o);
                    f.userDemographics(u[k], x, o + g);
                }
            }
            lastUsers = u;
            lastItems = it;
            return mlp.forward(x, n, training);
        }

        @Override
        public void backward(float[] dPred, int n) {
            float[] dx = mlp.backward(x, dPred, n);
            users.scatter(lastUsers, n, dx, 2 * e, 0);
            movies.scatter(lastItems, n, dx, 2 * e, e);
        }
    }

    /** Report 001's model as an algorithm. */
    public static final class Provider extends NeuralAlgorithm<Config> {
        public Provider() {
            super("ncf", "neural CF with side features (report 001): embeddings + genres + demographics -> MLP, MSE",
                    Config.DEFAULTS, (c, f, seed) -> new Net(c, f, seed), Config::settings);
        }
    }
}

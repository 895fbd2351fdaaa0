package org.movierec.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.data.RatingScale;
import org.movierec.neural.engine.Activation;
import org.movierec.neural.engine.Dense;
import org.movierec.neural.engine.Loss;
import org.movierec.neural.engine.Optimizer;
import org.movierec.neural.engine.Param;
import org.movierec.neural.engine.Schedule;
import org.movierec.neural.engine.Sequential;
import org.movierec.neural.feature.Features;

/**
 * Report 000's content two-tower model: a user tower over the user's features (average, median and
 * count of ratings, normalised genre histogram; optionally demographics) and a movie tower over the
 * movie's features (genres, scaled release year, average, median and count of ratings), each an MLP
 * ending in a linear {@code towerDim} output; their dot product goes through a dense(1) output.
 * Ratings are min-max normalised to {@code [0.5, 1]} and the loss is MAE, as in the report. No id
 * embeddings: a movie nobody has rated is scored from its genres and year (its rating statistics are
 * those of an unrated movie), which is what the cold-movie split measures.
 */
public final class ContentTower {
    private ContentTower() {
    }

    /**
     * @param hidden       each tower's hidden layers
     * @param towerDim     each tower's output size
     * @param demographics whether the user tower also sees age, gender and occupation
     * @param dropout      dropout after each hidden layer
     * @param statsDropout in training, the share of rows whose movie rating statistics (average, median,
     *                     count) are replaced by an unrated movie's (zeros), so that the model learns to
     *                     score movies nobody has rated (as DropoutNet, Volkovs et al. 2017, does)
     */
    public record Config(String hidden, int towerDim, boolean demographics, float dropout, float statsDropout,
                         int epochs, int batchSize,
                         float learningRate, Optimizer.Kind optimizer, float weightDecay, float momentum, Loss loss,
                         Schedule.Kind schedule, int warmupSteps, int patience,
                         float emaDecay, float validationFraction, long seed) {
        public static final Config DEFAULTS = new Config("64", 32, false, 0f, 0.2f, 30, 256, 1e-3f, Optimizer.Kind.ADAM, 0f,
                0f, Loss.MAE, Schedule.Kind.CONSTANT, 0, 3, 0f, 0.1f, 42L);

        public Config {
            Mlp.sizes(hidden, "hidden");
            if (!(statsDropout >= 0 && statsDropout < 1)) {
                throw new IllegalArgumentException("statsDropout must be in [0, 1), got " + statsDropout);
            }
            if (towerDim < 1 || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("towerDim must be >= 1 and dropout in [0, 1); got towerDim="
                        + towerDim + ", dropout=" + dropout);
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
        private final boolean demo;
        private final int du;
        private final int dm;
        private final int t;
        private final Sequential userTower;
        private final Sequential movieTower;
        private final Dense head;
        private float[] xu = new float[0];
        private float[] xm = new float[0];
        private float[] dot = new float[0];
        private float[] du0 = new float[0];
        private float[] dm0 = new float[0];
        private float[] ddot = new float[0];
        private float[] uo;
        private float[] mo;
        private final List<Param> params = new ArrayList<>();
        private final float statsDropout;
        private final SplittableRandom dropRng;

        Net(Config c, Features f, long seed) {
            this.f = f;
            SplittableRandom rng = new SplittableRandom(seed);
            statsDropout = c.statsDropout();
            dropRng = new SplittableRandom(seed ^ 0xC01DL);
            demo = c.demographics();
            du = f.userStatsDim() + (demo ? f.userDemoDim() : 0);
            dm = f.numGenres() + f.movieStatsDim();
            t = c.towerDim();
            int[] hidden = Mlp.sizes(c.hidden(), "hidden");
            userTower = Mlp.build("user", du, hidden, t, c.dropout(), false, Activation.Kind.RELU, 0, rng, seed);
            movieTower = Mlp.build("movie", dm, hidden, t, c.dropout(), false, Activation.Kind.RELU, 0, rng, seed + 1);
            head = new Dense("head", 1, 1, rng);
            params.addAll(userTower.params());
            params.addAll(movieTower.params());
            params.addAll(head.params());
        }

        @Override
        public List<Param> params() {
            return params;
        }

        @Override
        public float[] forward(int[] users, int[] items, int n, boolean training) {
            if (xu.length < n * du) {
                xu = new float[n * du];
                xm = new float[n * dm];
                dot = new float[n];
                ddot = new float[n];
            }
            for (int i = 0; i < n; i++) {
                f.userStats(users[i], xu, i * du);
                if (demo) {
                    f.userDemographics(users[i], xu, i * du + f.userStatsDim());
                }
                f.movieGenres(items[i], xm, i * dm);
                int so = i * dm + f.numGenres();
                f.movieStats(items[i], xm, so);
                if (training && statsDropout > 0 && dropRng.nextDouble() < statsDropout) {
                    xm[so + 1] = 0f; // the year (so + 0) stays: it is known for unrated movies too
                    xm[so + 2] = 0f;
                    xm[so + 3] = 0f;
                }
            }
            uo = userTower.forward(xu, n, training);
            mo = movieTower.forward(xm, n, training);
            for (int i = 0; i < n; i++) {
                dot[i] = org.movierec.math.Kernels.dot(uo, i * t, mo, i * t, t);
            }
            return head.forward(dot, n, training);
        }

        @Override
        public void backward(float[] dPred, int n) {
            float[] g = head.backward(dot, dPred, n);
            System.arraycopy(g, 0, ddot, 0, n);
            if (du0.length < n * t) {
                du0 = new float[n * t];
                dm0 = new float[n * t];
            }
            for (int i = 0; i < n; i++) {
                float s = ddot[i];
                int o = i * t;
                for (int j = 0; j < t; j++) {
                    du0[o + j] = s * mo[o + j];
                    dm0[o + j] = s * uo[o + j];
                }
            }
            userTower.backward(xu, du0, n);
            movieTower.backward(xm, dm0, n);
        }
    }

    /** Report 000's model as an algorithm. */
    public static final class Provider extends NeuralAlgorithm<Config> {
        public Provider() {
            super("content-tower", "content two-tower (report 000): user-feature and movie-feature towers, dot -> "
                    + "dense, MAE on ratings scaled to [0.5, 1]", Config.DEFAULTS, new Architecture<Config>() {
                        @Override
                        public Network build(Config c, Features f, long seed) {
                            return new Net(c, f, seed);
                        }

                        @Override
                        public Target target(Config c, RatingScale scale) {
                            return Target.halfToOne(scale);
                        }
                    }, Config::settings);
        }
    }
}

package org.movierec.algo.blend;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.ItemScorer;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.split.HoldOut;
import org.movierec.util.ProgressListener;

/**
 * A linear blend of rating predictors: {@code y(u,i) = b + sum_m w_m clip(y_m(u,i))}, with the
 * weights fit by ridge regression on held-out predictions (the stacking of the Netflix Prize
 * ensembles; A. Töscher, M. Jahrer, R. Bell, "The BigChaos Solution to the Netflix Grand Prize", 2009,
 * section on linear blending).
 *
 * <p>Protocol: when {@code fit} receives a validation set, each base model is fit on the training
 * data and the weights on its predictions for the validation set. Otherwise a seeded
 * {@code validationFraction} of every user's training ratings is held out, the bases are fit on the
 * rest, the weights on the held-out part, and then every base is refit on all the training data
 * and combined with those weights. The weights minimize
 * {@code sum (y - b - sum_m w_m x_m)^2 + ridge |w|^2} (the intercept unpenalized), solved in closed
 * form on centered columns. Base predictions are clipped to the rating scale before blending, both
 * when fitting and when predicting.
 *
 * <p>The model file holds the base models ({@link ModelIO#writeModel}), so a blend loads whole.
 */
public final class Blend implements Trainer<Blend.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "blend";

    /**
     * One base model of a blend: an algorithm name and its parameter overrides (text, as on the
     * command line; nested keys dotted). In a config file: {@code {algorithm: fm, params: {rank: 8}}}.
     */
    public record Base(String algorithm, Map<String, String> params) {
        public Base {
            if (algorithm == null || algorithm.isBlank()) {
                throw new IllegalArgumentException("a base model needs an algorithm name");
            }
            if (algorithm.equals("blend")) {
                throw new IllegalArgumentException("a blend cannot contain a blend");
            }
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** A base with its defaults. */
        public static Base of(String algorithm) {
            return new Base(algorithm, Map.of());
        }

        /** A base with overrides given as alternating keys and values. */
        public static Base of(String algorithm, String... keyValues) {
            Map<String, String> p = new LinkedHashMap<>();
            for (int k = 0; k + 1 < keyValues.length; k += 2) {
                p.put(keyValues[k], keyValues[k + 1]);
            }
            return new Base(algorithm, p);
        }
    }

    /**
     * @param models             the base models, each an algorithm with its overrides; on the command line
     *                           {@code models=[{algorithm: bias}, {algorithm: fm, params: {rank: 4}}]}
     * @param ridge              L2 penalty on the weights
     * @param validationFraction share of each user's ratings held out to fit the weights when no
     *                           validation set is given
     * @param seed               seed of that hold-out
     */
    public record Config(List<Base> models, double ridge, double validationFraction, long seed) {
        /**
         * The combination measured on ML-100k u1..u5 (docs/fm-blend.md): bias, the default FM with 100
         * samples, and a small FM over ids and genres. To be revisited once more base algorithms exist.
         */
        public static final Config DEFAULTS = new Config(List.of(
                Base.of("bias"),
                Base.of("fm", "samples", "100"),
                Base.of("fm", "features", "user+movie+genres", "rank", "8", "burnIn", "20", "samples", "60")),
                1.0, 0.1, 42L);

        public Config {
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("models must name at least one base algorithm");
            }
            models = List.copyOf(models);
            if (!(ridge >= 0) || !(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("need ridge >= 0 and 0 < validationFraction < 1; got ridge=" + ridge
                        + ", validationFraction=" + validationFraction);
            }
            for (int k = 0; k < models.size(); k++) {
                trainer(models.get(k), k); // fail here, with the base's position, on a bad name or parameter
            }
        }
    }

    private final Config config;
    private final List<Trainer<?>> bases;

    public Blend() {
        this(Config.DEFAULTS);
    }

    public Blend(Config config) {
        this.config = config;
        List<Trainer<?>> b = new ArrayList<>();
        for (int k = 0; k < config.models().size(); k++) {
            b.add(trainer(config.models().get(k), k));
        }
        this.bases = List.copyOf(b);
    }

    /** The base trainers, in the order of {@link Config#models()}. */
    List<Trainer<?>> baseTrainers() {
        return bases;
    }

    /** The trainer of base {@code k}; errors name its position and algorithm. */
    static Trainer<?> trainer(Base base, int k) {
        try {
            return AlgorithmRegistry.create(base.algorithm(), base.params());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("models[" + k + "] (" + base.algorithm() + "): " + e.getMessage(), e);
        }
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
        boolean given = validation != null && validation.interactions().size() > 0;
        Dataset fitPart = train;
        Dataset holdout = validation;
        if (!given) {
            Dataset[] split = holdOut(train, config.validationFraction(), config.seed());
            fitPart = split[0];
            holdout = split[1];
        }
        RatingScale scale = train.ratingScale();
        Interactions h = holdout.interactions();
        int nb = bases.size();
        double[][] x = new double[nb][h.size()];
        RatingPredictor[] models = new RatingPredictor[nb];
        for (int m = 0; m < nb; m++) {
            progress.message("blend: fitting " + bases.get(m).name() + " on " + fitPart.interactions().size()
                    + " ratings");
            models[m] = predictor(Training.fit(bases.get(m), fitPart, null, "blend-fit", progress), bases.get(m));
            for (int p = 0; p < h.size(); p++) {
                x[m][p] = scale.clip(models[m].predict(h.user(p), h.item(p)));
            }
        }
        double[] y = new double[h.size()];
        for (int p = 0; p < y.length; p++) {
            y[p] = h.rating(p);
        }
        double[] wb = ridge(x, y, config.ridge());
        if (!given) {
            for (int m = 0; m < nb; m++) {
                progress.message("blend: refitting " + bases.get(m).name() + " on all " + train.interactions().size()
                        + " ratings");
                models[m] = predictor(Training.fit(bases.get(m), train, null, "blend-refit", progress), bases.get(m));
            }
        }
        float[] w = new float[nb];
        for (int m = 0; m < nb; m++) {
            w[m] = (float) wb[m];
        }
        org.movierec.model.Model[] out = new org.movierec.model.Model[nb];
        for (int m = 0; m < nb; m++) {
            out[m] = (org.movierec.model.Model) models[m];
        }
        return new Model(Provenance.untrained(name(), config, config.seed()), out, w, (float) wb[nb], scale,
                train.numItems());
    }

    private static RatingPredictor predictor(org.movierec.model.Model m, Trainer<?> t) {
        if (!(m instanceof RatingPredictor rp)) {
            throw new IllegalArgumentException("base model '" + t.name() + "' does not predict ratings; a blend needs "
                    + "rating predictors");
        }
        return rp;
    }

    /**
     * {@code {rest, held-out}}: from every user with at least two ratings, {@code round(fraction * n)}
     * ratings (at least one, at most n - 1) drawn by a seeded shuffle of that user's positions.
     */
    static Dataset[] holdOut(Dataset train, double fraction, long seed) {
        return HoldOut.perUser(train, fraction, seed, "-blend-fit", "-blend-holdout");
    }

    /**
     * Ridge regression with an unpenalized intercept: centers the columns {@code x[m]} and
     * {@code y}, solves {@code (Xc'Xc + ridge I) w = Xc'yc} by Gaussian elimination with partial
     * pivoting, and returns {@code w} followed by the intercept {@code mean(y) - w . mean(x)}.
     */
    static double[] ridge(double[][] x, double[] y, double ridge) {
        int nb = x.length;
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("no held-out ratings to fit blend weights on");
        }
        double[] mx = new double[nb];
        double my = 0;
        for (int p = 0; p < n; p++) {
            my += y[p];
        }
        my /= n;
        for (int m = 0; m < nb; m++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += x[m][p];
            }
            mx[m] = s / n;
        }
        double[][] a = new double[nb][nb + 1];
        for (int m = 0; m < nb; m++) {
            for (int l = m; l < nb; l++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += (x[m][p] - mx[m]) * (x[l][p] - mx[l]);
                }
                a[m][l] = s;
                a[l][m] = s;
            }
            a[m][m] += ridge;
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += (x[m][p] - mx[m]) * (y[p] - my);
            }
            a[m][nb] = s;
        }
        for (int c = 0; c < nb; c++) {
            int piv = c;
            for (int r = c + 1; r < nb; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (Math.abs(a[c][c]) < 1e-12) {
                throw new IllegalArgumentException("blend weights are not identifiable (base predictions are collinear"
                        + " or constant); use ridge > 0");
            }
            for (int r = 0; r < nb; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= nb; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] out = new double[nb + 1];
        double b = my;
        for (int m = 0; m < nb; m++) {
            out[m] = a[m][nb] / a[m][m];
            b -= out[m] * mx[m];
        }
        out[nb] = b;
        return out;
    }

    /** The blended predictor; holds its base models. Thread-safe if the bases are. */
    public static final class Model implements org.movierec.model.Model, RatingPredictor, ItemScorer {
        private final Provenance provenance;
        private final org.movierec.model.Model[] bases;
        private final RatingPredictor[] predictors;
        private final float[] weights;
        private final float intercept;
        private final RatingScale scale;
        private final int numItems;

        Model(Provenance provenance, org.movierec.model.Model[] bases, float[] weights, float intercept,
                      RatingScale scale, int numItems) {
            this.provenance = provenance;
            this.bases = bases;
            this.predictors = new RatingPredictor[bases.length];
            for (int m = 0; m < bases.length; m++) {
                predictors[m] = (RatingPredictor) bases[m];
            }
            this.weights = weights;
            this.intercept = intercept;
            this.scale = scale;
            this.numItems = numItems;
        }

        @Override
        public float predict(int user, int item) {
            double s = intercept;
            for (int m = 0; m < predictors.length; m++) {
                s += weights[m] * scale.clip(predictors[m].predict(user, item));
            }
            return (float) s;
        }

        /** The scores are the predicted ratings. */
        @Override
        public boolean scoresAreRatings() {
            return true;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = predict(user, i);
            }
        }

        @Override
        public int numItems() {
            return numItems;
        }

        /** Blend weights, parallel to {@link #bases()}. */
        public float[] weights() {
            return weights.clone();
        }

        public float intercept() {
            return intercept;
        }

        public List<org.movierec.model.Model> bases() {
            return List.of(bases);
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, bases, weights, intercept, scale, numItems);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeInt(bases.length);
            for (org.movierec.model.Model b : bases) {
                ModelIO.writeModel(out, b);
            }
            ModelIO.writeFloats(out, weights);
            out.writeFloat(intercept);
            out.writeInt(numItems);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            int nb = in.readInt();
            if (nb < 1 || nb > 1000) {
                throw new IOException("corrupt blend model: " + nb + " base models");
            }
            org.movierec.model.Model[] bases = new org.movierec.model.Model[nb];
            for (int m = 0; m < nb; m++) {
                bases[m] = ModelIO.readModel(in, train);
                if (!(bases[m] instanceof RatingPredictor)) {
                    throw new IOException("corrupt blend model: base " + m + " (" + bases[m].type()
                            + ") does not predict ratings");
                }
            }
            float[] w = ModelIO.readFloats(in);
            if (w.length != nb) {
                throw new IOException("corrupt blend model: " + w.length + " weights for " + nb + " base models");
            }
            float b = in.readFloat();
            int items = in.readInt();
            if (items != train.numItems()) {
                throw new IOException("corrupt blend model: " + items + " items but the training data has "
                        + train.numItems());
            }
            return new Model(p, bases, w, b, train.ratingScale(), items);
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "ridge-regression blend of base rating predictors fit on held-out predictions", Config.DEFAULTS, Blend::new, Model::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.NEEDS_RATINGS);
        }
    }
}

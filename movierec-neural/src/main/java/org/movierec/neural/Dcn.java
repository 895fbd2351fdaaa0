package org.movierec.neural;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.movierec.neural.engine.Activation;
import org.movierec.neural.engine.CrossNet;
import org.movierec.neural.engine.Layer;
import org.movierec.neural.engine.Loss;
import org.movierec.neural.engine.Optimizer;
import org.movierec.neural.engine.Param;
import org.movierec.neural.engine.Schedule;
import org.movierec.neural.engine.Sequential;
import org.movierec.neural.feature.Features;

/**
 * Deep & Cross Network v2 (Wang et al. 2021), report 002's ranking model: embeddings of user id,
 * movie id, age, gender, occupation, zip prefix, release decade and genres, and director and stars
 * when the catalogue carries TMDB credits ({@code --tmdb}; ML-100k has no links to join them through),
 * are concatenated into {@code x_0}, then stacked cross layers and deep layers, then dense(1); MSE.
 * The feature-importance matrix is the Frobenius
 * norm of each field-by-field block of the first cross layer's weight, as in the paper and the TFRS
 * DCN tutorial.
 */
public final class Dcn {
    private Dcn() {
    }

    /**
     * @param embeddingDim per-field embedding size
     * @param crossLayers  stacked cross layers
     * @param crossRank    0 for full-rank cross layers, else the low-rank factorisation's rank
     * @param hidden       deep layers after the cross layers
     * @param dropout      dropout after each deep layer
     */
    public record Config(int embeddingDim, int crossLayers, int crossRank, String hidden, float dropout, int epochs,
                         int batchSize, float learningRate, Optimizer.Kind optimizer, float weightDecay, float momentum,
                         Loss loss, Schedule.Kind schedule, int warmupSteps, int patience,
                         float emaDecay, float validationFraction, long seed) {
        public static final Config DEFAULTS = new Config(16, 1, 0, "128,64", 0f, 30, 256, 1e-3f, Optimizer.Kind.ADAM,
                5e-4f, 0f, Loss.MSE, Schedule.Kind.CONSTANT, 0, 3, 0f, 0.1f, 42L);

        public Config {
            if (embeddingDim < 1 || crossLayers < 1 || crossRank < 0 || crossRank > 8 * embeddingDim) {
                throw new IllegalArgumentException("embeddingDim and crossLayers must be >= 1 and crossRank in [0, "
                        + 8 * embeddingDim + "]; got embeddingDim=" + embeddingDim + ", crossLayers=" + crossLayers
                        + ", crossRank=" + crossRank);
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
        final Fields fields;
        final CrossNet cross;
        private final Sequential body;
        private final int d;
        private float[] x = new float[0];
        private final List<Param> params = new ArrayList<>();

        Net(Config c, Features f, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            boolean[] all = new boolean[Fields.ALL.length];
            java.util.Arrays.fill(all, true);
            fields = new Fields(f, all, c.embeddingDim(), 0.05, rng);
            d = fields.width();
            cross = new CrossNet("cross", d, c.crossLayers(), c.crossRank(), rng);
            Sequential deep = Mlp.build("deep", d, Mlp.sizes(c.hidden(), "hidden"), 1, c.dropout(), false,
                    Activation.Kind.RELU, d, rng, seed);
            Mlp.output(deep).bias().fill(f.mean());
            body = new Sequential(List.<Layer>of(cross, deep));
            params.addAll(fields.params());
            params.addAll(body.params());
        }

        @Override
        public List<Param> params() {
            return params;
        }

        @Override
        public float[] forward(int[] users, int[] items, int n, boolean training) {
            if (x.length < n * d) {
                x = new float[n * d];
            }
            fields.forward(users, items, n, x, d, 0);
            return body.forward(x, n, training);
        }

        @Override
        public void backward(float[] dPred, int n) {
            fields.backward(body.backward(x, dPred, n), d, 0);
        }
    }

    /** Field-by-field importance from the first cross layer. */
    public record Importance(List<String> fields, double[][] matrix) {
    }

    /** The Frobenius norm of each {@code (field i, field j)} block of the first cross layer's weight. */
    public static Importance featureImportance(NeuralModel<?> model) {
        Net net = (Net) model.network();
        float[] w = net.cross.effectiveWeight(0);
        int d = net.d;
        List<String> names = new ArrayList<>();
        List<Integer> offs = new ArrayList<>();
        for (int k = 0; k < Fields.ALL.length; k++) {
            if (net.fields.on(k)) {
                names.add(Fields.ALL[k]);
                offs.add(net.fields.offset(k));
            }
        }
        int nf = names.size();
        int e = d / nf;
        double[][] m = new double[nf][nf];
        for (int a = 0; a < nf; a++) {
            for (int b = 0; b < nf; b++) {
                double s = 0;
                for (int i = 0; i < e; i++) {
                    for (int j = 0; j < e; j++) {
                        double v = w[(offs.get(a) + i) * d + offs.get(b) + j];
                        s += v * v;
                    }
                }
                m[a][b] = Math.sqrt(s);
            }
        }
        return new Importance(names, m);
    }

    /**
     * Writes the importance matrix as JSON in the form {@code movierec report experiment --importance}
     * reads: {@code {"title", "description", "rows": [fields], "columns": [fields], "values": [[...], ...]}}.
     */
    public static void writeImportanceJson(Importance imp, Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", "DCN-v2 feature importance");
        out.put("description", "Frobenius norm of each field-by-field block of the first DCN-v2 cross layer's "
                + "weight (row field i interacts with column field j)");
        out.put("rows", imp.fields());
        out.put("columns", imp.fields());
        out.put("values", imp.matrix());
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
    }

    /** Report 002's ranking model as an algorithm. */
    public static final class Provider extends NeuralAlgorithm<Config> {
        public Provider() {
            super("dcn", "DCN-v2 (report 002): field embeddings -> cross layers + deep layers, MSE",
                    Config.DEFAULTS, (c, f, seed) -> new Net(c, f, seed), Config::settings);
        }
    }
}

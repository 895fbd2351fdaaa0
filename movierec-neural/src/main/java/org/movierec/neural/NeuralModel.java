package org.movierec.neural;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Params;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.TrainingHistory;
import org.movierec.neural.engine.Param;
import org.movierec.neural.feature.Features;

/**
 * A trained neural rating model: config, fitted features, the network's weights and the learning
 * curve. Immutable once built; each thread that predicts gets its own network copy sharing the
 * weights (the weights are never written after training). Scores for ranking are the predicted
 * ratings in stars.
 *
 * <p>Payload: payload version (int), config as name/value strings, the target map, the features,
 * the parameter count and each parameter's values, the learning curve and the best epoch. Version 2
 * (2026-12-02) adds the features' credit codes (director, stars) and release dates; version 1 files
 * load without them.
 */
public final class NeuralModel<C extends Record> implements Model, RatingPredictor, ItemScorer {
    private static final int PAYLOAD_VERSION = 2;
    private static final int SCORE_BATCH = 512;

    private final String type;
    private final Provenance provenance;
    private final C config;
    private final Architecture<C> architecture;
    private final Features features;
    private final Network weights;
    private final Target target;
    private final TrainingHistory history;
    private final int bestEpoch;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final Network net;
        final int[] users = new int[SCORE_BATCH];
        final int[] items = new int[SCORE_BATCH];

        Scratch(Network net) {
            this.net = net;
        }
    }

    NeuralModel(String type, Provenance provenance, C config, Architecture<C> architecture, Features features,
                Network weights, Target target, TrainingHistory history, int bestEpoch) {
        this.type = type;
        this.provenance = provenance;
        this.config = config;
        this.architecture = architecture;
        this.features = features;
        this.weights = weights;
        this.target = target;
        this.history = history;
        this.bestEpoch = bestEpoch;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(shareWeights()));
    }

    private Network shareWeights() {
        Network copy = architecture.build(config, features, 0);
        List<Param> from = weights.params();
        List<Param> to = copy.params();
        for (int k = 0; k < from.size(); k++) {
            to.get(k).value = from.get(k).value;
        }
        return copy;
    }

    public C config() {
        return config;
    }

    public Features features() {
        return features;
    }

    /** The learning curve, one entry per epoch trained. */
    public TrainingHistory history() {
        return history;
    }

    /** The epoch whose weights the model keeps (early stopping). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The trained network (read-only use: inspecting weights, e.g. a feature-importance matrix). */
    public Network network() {
        return weights;
    }

    @Override
    public float predict(int user, int item) {
        Scratch s = scratch.get();
        s.users[0] = user;
        s.items[0] = item;
        return target.toStars(s.net.forward(s.users, s.items, 1, false)[0]);
    }

    /** The scores are the predicted ratings (in stars). */
    @Override
    public boolean scoresAreRatings() {
        return true;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        Scratch s = scratch.get();
        int ni = features.numMovies();
        java.util.Arrays.fill(s.users, user);
        for (int from = 0; from < ni; from += SCORE_BATCH) {
            int m = Math.min(SCORE_BATCH, ni - from);
            for (int k = 0; k < m; k++) {
                s.items[k] = from + k;
            }
            float[] pred = s.net.forward(s.users, s.items, m, false);
            for (int k = 0; k < m; k++) {
                out[from + k] = target.toStars(pred[k]);
            }
        }
    }

    /** Predictions for many pairs at once (batched through the network). */
    public void predictBatch(int[] users, int[] items, int n, float[] out) {
        Scratch s = scratch.get();
        for (int from = 0; from < n; from += SCORE_BATCH) {
            int m = Math.min(SCORE_BATCH, n - from);
            System.arraycopy(users, from, s.users, 0, m);
            System.arraycopy(items, from, s.items, 0, m);
            float[] pred = s.net.forward(s.users, s.items, m, false);
            for (int k = 0; k < m; k++) {
                out[from + k] = target.toStars(pred[k]);
            }
        }
    }

    @Override
    public int numItems() {
        return features.numMovies();
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public NeuralModel<C> withProvenance(Provenance p) {
        return new NeuralModel<>(type, p, config, architecture, features, weights, target, history, bestEpoch);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(PAYLOAD_VERSION);
        Map<String, String> cfg = Params.toMap(config);
        out.writeInt(cfg.size());
        for (Map.Entry<String, String> e : cfg.entrySet()) {
            ModelIO.writeString(out, e.getKey());
            ModelIO.writeString(out, e.getValue());
        }
        out.writeFloat(target.scale());
        out.writeFloat(target.offset());
        features.write(out);
        List<Param> ps = weights.params();
        out.writeInt(ps.size());
        for (Param p : ps) {
            ModelIO.writeString(out, p.name());
            ModelIO.writeFloats(out, p.value);
        }
        out.writeInt(history.epochs().size());
        for (TrainingHistory.Epoch e : history.epochs()) {
            out.writeInt(e.epoch());
            out.writeDouble(e.trainLoss());
            out.writeInt(e.validation().size());
            for (Map.Entry<String, Double> m : e.validation().entrySet()) {
                ModelIO.writeString(out, m.getKey());
                out.writeDouble(m.getValue());
            }
        }
        out.writeInt(bestEpoch);
    }

    /** Reads a payload written by {@link #writePayload}. */
    static <C extends Record> NeuralModel<C> read(String type, C defaults, Architecture<C> arch, DataInputStream in,
                                                  Provenance provenance) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > PAYLOAD_VERSION) {
            throw new IOException(type + " model payload version " + version + " is not supported (supports 1.."
                    + PAYLOAD_VERSION + ")");
        }
        int nc = in.readInt();
        Map<String, String> cfg = new LinkedHashMap<>();
        for (int k = 0; k < nc; k++) {
            cfg.put(ModelIO.readString(in), ModelIO.readString(in));
        }
        C config = Params.bind(defaults, cfg, type);
        Target target = new Target(in.readFloat(), in.readFloat());
        Features features = Features.read(in, version >= 2);
        Network net = arch.build(config, features, 0);
        List<Param> ps = net.params();
        int np = in.readInt();
        if (np != ps.size()) {
            throw new IOException(type + " model has " + np + " parameters but its architecture has " + ps.size());
        }
        for (Param p : ps) {
            String name = ModelIO.readString(in);
            float[] v = ModelIO.readFloats(in);
            if (!name.equals(p.name()) || v.length != p.size()) {
                throw new IOException(type + " model parameter " + name + " (" + v.length + " values) does not match "
                        + p.name() + " (" + p.size() + ")");
            }
            p.value = v;
        }
        int ne = in.readInt();
        List<TrainingHistory.Epoch> epochs = new ArrayList<>(ne);
        for (int k = 0; k < ne; k++) {
            int epoch = in.readInt();
            double loss = in.readDouble();
            int nm = in.readInt();
            Map<String, Double> m = new LinkedHashMap<>();
            for (int j = 0; j < nm; j++) {
                m.put(ModelIO.readString(in), in.readDouble());
            }
            epochs.add(new TrainingHistory.Epoch(epoch, loss, m));
        }
        int bestEpoch = in.readInt();
        return new NeuralModel<>(type, provenance, config, arch, features, net, target, new TrainingHistory(epochs),
                bestEpoch);
    }

    /** Reads a model of {@code provider}'s type. */
    public static Model read(NeuralAlgorithm<?> provider, DataInputStream in, Provenance p, Dataset train)
            throws IOException {
        return provider.readModel(in, p);
    }
}

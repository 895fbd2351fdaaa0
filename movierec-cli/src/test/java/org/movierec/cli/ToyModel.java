package org.movierec.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Trainer;
import org.movierec.model.Provenance;
import org.movierec.model.SimilarItems;

/**
 * A test-only model with every capability and answers that can be worked out by hand: each movie
 * has a value {@code v_i} (its external id), similarity is {@code -|v_i - v_j|}, and a new user's
 * fold-in score is {@code sum_k r_k * -|v_j - v_{i_k}|}. It lets the CLI tests exercise
 * {@code similar} and {@code recommend --rate} before the real models with those capabilities land.
 */
final class ToyModel implements Model, ItemScorer, SimilarItems, FoldIn {
    static final String TYPE = "cli-test-toy";

    private final Provenance provenance;
    private final float[] value;

    ToyModel(Provenance provenance, float[] value) {
        this.provenance = provenance;
        this.value = value;
    }

    /** A toy model over {@code train}'s catalogue, with the provenance {@code Training} would give it. */
    static ToyModel of(Dataset train) {
        float[] v = new float[train.numItems()];
        for (int i = 0; i < v.length; i++) {
            v[i] = train.movies().ids().externalId(i);
        }
        Provenance p = new Provenance("toy", Map.of(), 0, train.name(), train.fingerprint(), "all", "test",
                "2026-01-01T00:00:00Z", 0, Map.of());
        return new ToyModel(p, v);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        System.arraycopy(value, 0, out, 0, value.length);
    }

    @Override
    public int numItems() {
        return value.length;
    }

    @Override
    public void similarTo(int item, float[] out) {
        for (int j = 0; j < value.length; j++) {
            out[j] = -Math.abs(value[j] - value[item]);
        }
    }

    @Override
    public float similarity(int item, int other) {
        return -Math.abs(value[other] - value[item]);
    }

    @Override
    public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
        for (int j = 0; j < value.length; j++) {
            float s = 0;
            for (int k = 0; k < items.length; k++) {
                s -= ratings[k] * Math.abs(value[j] - value[items[k]]);
            }
            out[j] = s;
        }
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Model withProvenance(Provenance p) {
        return new ToyModel(p, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        ModelIO.writeFloats(out, value);
    }

    static ToyModel read(DataInputStream in, Provenance p, Dataset train) throws IOException {
        return new ToyModel(p, ModelIO.readFloats(in));
    }

    /** No hyperparameters. */
    record Config() {
    }

    /** Registers the toy model type (test class path only, see META-INF/services in test resources). */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(TYPE, "test-only model with hand-computable answers", new Config(), c -> new Trainer<ToyModel>() {
                @Override
                public String name() {
                    return TYPE;
                }

                @Override
                public Record config() {
                    return c;
                }

                @Override
                public ToyModel fit(Dataset train, Dataset validation, org.movierec.util.ProgressListener progress) {
                    return ToyModel.of(train);
                }
            }, ToyModel::read, Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN);
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.ItemScorer;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

/** Ranks movies by how many training ratings they have, the same list for everyone. */
public final class Popularity implements Trainer<Popularity.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "popularity";

    /** No hyperparameters. */
    public record Config() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Record config() {
        return new Config();
    }

    @Override
    public Model fit(Dataset train, Dataset validation, ProgressListener progress) {
        int[] counts = train.interactions().itemCounts();
        float[] scores = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            scores[i] = counts[i];
        }
        return new Model(Provenance.untrained(name(), config(), 0), scores);
    }

    /** Rating counts as scores. */
    public static final class Model implements org.movierec.model.Model, ItemScorer {
        private final Provenance provenance;
        private final float[] counts;

        Model(Provenance provenance, float[] counts) {
            this.provenance = provenance;
            this.counts = counts;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            System.arraycopy(counts, 0, out, 0, counts.length);
        }

        @Override
        public int numItems() {
            return counts.length;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, counts);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            ModelIO.writeFloats(out, counts);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            return new Model(p, ModelIO.readFloats(in));
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "most-rated movies first", new Config(), c -> new Popularity(), Model::read,
                    Capability.RANKS);
        }
    }
}

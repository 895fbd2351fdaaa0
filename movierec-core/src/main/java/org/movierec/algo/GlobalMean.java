package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

/** Predicts the mean training rating for everyone: the floor every model must beat. */
public final class GlobalMean implements Trainer<GlobalMean.Model> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "global-mean";

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
        return new Model(Provenance.untrained(name(), config(), 0), (float) train.interactions().meanRating());
    }

    /** The fitted mean. */
    public static final class Model implements org.movierec.model.Model, RatingPredictor {
        private final Provenance provenance;
        private final float mean;

        Model(Provenance provenance, float mean) {
            this.provenance = provenance;
            this.mean = mean;
        }

        public float mean() {
            return mean;
        }

        @Override
        public float predict(int user, int item) {
            return mean;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return new Model(p, mean);
        }

        @Override
        public String type() {
            return NAME;
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeFloat(mean);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            return new Model(p, in.readFloat());
        }
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "mean training rating for everyone", new Config(), c -> new GlobalMean(), Model::read,
                    Capability.PREDICTS_RATINGS, Capability.NEEDS_RATINGS);
        }
    }
}

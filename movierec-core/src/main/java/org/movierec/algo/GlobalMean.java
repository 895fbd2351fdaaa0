package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.movierec.data.Dataset;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

/** Predicts the mean training rating for everyone: the floor every model must beat. */
public final class GlobalMean implements Trainer<GlobalMean.Model> {
    /** No hyperparameters. */
    public record Config() {
    }

    @Override
    public String name() {
        return "global-mean";
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
            return "global-mean";
        }

        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeFloat(mean);
        }

        public static Model read(DataInputStream in, Provenance p, Dataset train) throws IOException {
            return new Model(p, in.readFloat());
        }
    }
}

package org.movierec.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;

/**
 * Spark ALS factors as a movierec model. Spark's model predicts {@code x_u . y_i} (no mean, no
 * biases), so it is written as core's {@code als} model type with mean 0 and zero biases, which
 * predicts exactly that; users and movies are mapped through the training {@link Dataset}'s id
 * indexes, and a movie or user Spark never saw gets a zero vector.
 *
 * <p>This is an adapter over the {@code als} provider's payload reader (the ALS layout: k, mean,
 * regularization, user factors and biases, item factors and biases), found through core's
 * {@link AlgorithmRegistry}, so the model is core's {@code FactorModel} like any trained ALS model.
 */
public final class ModelExport {
    private ModelExport() {
    }

    /**
     * @param userFactors rows {@code (id int, features array<float>)} of {@code ALSModel.userFactors()}
     * @param itemFactors the same for items
     */
    public static Model toModel(List<Row> userFactors, List<Row> itemFactors, int rank, Dataset train,
                                Map<String, String> params, long seed, String split, double seconds)
            throws IOException {
        float[] uf = dense(userFactors, train.users().ids(), train.numUsers(), rank);
        float[] itf = dense(itemFactors, train.movies().ids(), train.numItems(), rank);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rank);
            out.writeFloat(0f); // mean
            out.writeFloat(Float.parseFloat(params.getOrDefault("regParam", "0")));
            ModelIO.writeFloats(out, uf);
            ModelIO.writeFloats(out, new float[train.numUsers()]);
            ModelIO.writeFloats(out, itf);
            ModelIO.writeFloats(out, new float[train.numItems()]);
        }
        Provenance p = new Provenance("als", params, seed, "", "", "", org.movierec.util.Version.current(), "", 0,
                Map.of()).withTraining(train.name(), train.fingerprint(), split, Instant.now().toString(), seconds,
                Map.of());
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return AlgorithmRegistry.get("als").read(in, p, train);
        }
    }

    /** Writes the model file that {@code movierec serve} and {@code movierec recommend} load. */
    public static void save(Model model, Dataset train, Path file) throws IOException {
        ModelIO.save(model, train, file);
    }

    private static float[] dense(List<Row> rows, IdIndex ids, int n, int rank) {
        float[] out = new float[n * rank];
        for (Row r : rows) {
            int idx = ids.indexOf(r.getInt(0));
            if (idx < 0) {
                throw new IllegalArgumentException("Spark factor for id " + r.getInt(0)
                        + " which is not in the movierec training data: train both on the same ratings");
            }
            List<Float> f = r.getList(1);
            if (f.size() != rank) {
                throw new IllegalArgumentException("factor of id " + r.getInt(0) + " has " + f.size()
                        + " entries, expected rank " + rank);
            }
            for (int j = 0; j < rank; j++) {
                out[idx * rank + j] = f.get(j);
            }
        }
        return out;
    }
}

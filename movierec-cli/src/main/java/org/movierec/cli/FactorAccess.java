package org.movierec.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;

/**
 * The user and item factors of a factor model, for a {@link org.movierec.rec.CandidateIndex}. An
 * adapter until core's public factor-model type (issue 6) exposes them: today it reads them from
 * the {@code als} payload (the type Spark-trained models are saved as), and returns null for every
 * other model type.
 */
record FactorAccess(int k, float[] userF, float[] userB, float[] itemF, float[] itemB) {

    static FactorAccess of(Model model) {
        if (!model.type().equals("als")) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                model.writePayload(out);
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                int k = in.readInt();
                in.readFloat(); // mean
                in.readFloat(); // lambda
                return new FactorAccess(k, ModelIO.readFloats(in), ModelIO.readFloats(in), ModelIO.readFloats(in),
                        ModelIO.readFloats(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code [x_u, 1]}: with items {@code [y_i, b_i]} the inner product ranks as the model's score. */
    float[] query(int user) {
        float[] q = new float[k + 1];
        System.arraycopy(userF, user * k, q, 0, k);
        q[k] = 1f;
        return q;
    }
}

package org.movierec.cli;

import org.movierec.algo.FactorModel;
import org.movierec.model.Model;

/**
 * The user and item vectors of a factor model whose scores are inner products
 * ({@link FactorModel#innerProducts()}), for a {@link org.movierec.rec.CandidateIndex}: every model
 * of an algorithm with {@link org.movierec.model.AlgorithmProvider.Capability#INNER_PRODUCT}
 * (biased-mf, svdpp, als, ials, bpr, and Spark-trained als models).
 */
record FactorAccess(int k, float[] userF, float[] userOffsets, float[] itemF, float[] itemB) {

    /** The model's vectors, or null when it has none (not a factor model, or timeSVD++). */
    static FactorAccess of(Model model) {
        if (!(model instanceof FactorModel fm)) {
            return null;
        }
        FactorModel.InnerProducts ip = fm.innerProducts();
        return ip == null ? null : new FactorAccess(ip.k(), ip.users(), ip.userOffsets(), ip.items(), ip.itemOffsets());
    }

    /** {@code [x_u, 1]}: with items {@code [y_i, b_i]} the inner product ranks as the model's score. */
    float[] query(int user) {
        float[] q = new float[k + 1];
        System.arraycopy(userF, user * k, q, 0, k);
        q[k] = 1f;
        return q;
    }

    /** The model's score from the index's inner product: the user's offset {@code mu + b_u} added. */
    float score(int user, float innerProduct) {
        return userOffsets[user] + innerProduct;
    }
}

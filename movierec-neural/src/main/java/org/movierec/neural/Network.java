package org.movierec.neural;

import java.util.List;
import org.movierec.neural.engine.Param;

/**
 * A rating network: maps a batch of (user, movie) pairs to predictions in the model's target
 * space. Instances hold buffers and are not thread-safe; the trained model gives each thread its
 * own instance sharing the weights.
 */
public interface Network {
    /** All parameters (trainable and saved-only) in a fixed order. */
    List<Param> params();

    /** Predictions for rows {@code (users[k], items[k])}, {@code k < n}; the first {@code n} entries are valid. */
    float[] forward(int[] users, int[] items, int n, boolean training);

    /** Back-propagates {@code dL/dprediction} of the last forward pass, accumulating parameter gradients. */
    void backward(float[] dPred, int n);
}

package org.movierec.neural;

import org.movierec.neural.feature.Features;

/**
 * Builds one algorithm's network from its config and the fitted features. Building twice with the
 * same arguments gives the same layout (parameter order and shapes), which is how saved weights
 * are put back and how each inference thread gets its own copy.
 *
 * @param <C> the config record
 */
public interface Architecture<C extends Record> {
    Network build(C config, Features features, long seed);

    /** The map from stars to the network's target space. */
    default Target target(C config, org.movierec.data.RatingScale scale) {
        return Target.STARS;
    }
}

package org.movierec.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning curve of one training run: one entry per epoch (or sweep, or MCMC sample), in order.
 * Stored with the model (in its {@link Provenance}) so that reports can draw learning curves later.
 *
 * @param epochs the epochs, in order; empty for algorithms that do not iterate
 */
public record TrainingHistory(List<Epoch> epochs) {
    /** No history (closed-form algorithms, or models saved before histories existed). */
    public static final TrainingHistory EMPTY = new TrainingHistory(List.of());

    /**
     * A history; the list is copied.
     *
     * @param epochs the epochs, in order; null means none
     */
    public TrainingHistory {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    /**
     * One epoch.
     *
     * @param epoch      1-based epoch number
     * @param trainLoss  the training loss of the epoch as the algorithm defines it (NaN when not computed)
     * @param validation validation metrics by name (for example {@code rmse}), possibly empty
     */
    public record Epoch(int epoch, double trainLoss, Map<String, Double> validation) {
        /**
         * An epoch; the metrics are copied into an unmodifiable map that iterates in key order.
         *
         * @param epoch      1-based epoch number
         * @param trainLoss  the training loss, NaN when not computed
         * @param validation validation metrics by name; null means none
         */
        public Epoch {
            validation = validation == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new TreeMap<>(validation)); // in key order
        }
    }

    /**
     * Whether any epoch was recorded.
     *
     * @return true for closed-form algorithms and models saved before histories existed
     */
    public boolean isEmpty() {
        return epochs.isEmpty();
    }
}

package org.movierec.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.neural.engine.Activation;
import org.movierec.neural.engine.BatchNorm;
import org.movierec.neural.engine.Dense;
import org.movierec.neural.engine.Dropout;
import org.movierec.neural.engine.Layer;
import org.movierec.neural.engine.Sequential;

/** Builds the multilayer perceptrons of the models from a config's layer list. */
public final class Mlp {
    private Mlp() {
    }

    /**
     * Parses a layer-size list such as {@code "100"} or {@code "256,128"} ({@code ","}, {@code "+"} or
     * {@code ";"} separated; empty or {@code "none"} for no hidden layer).
     */
    public static int[] sizes(String spec, String key) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return new int[0];
        }
        String[] parts = spec.trim().replace("[", "").replace("]", "").split("[,+;]");
        int[] out = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                out[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                out[k] = -1;
            }
            if (out[k] < 1) {
                throw new IllegalArgumentException("parameter " + key + "='" + spec
                        + "' must be a list of positive layer sizes such as 256,128");
            }
        }
        return out;
    }

    /**
     * {@code in -> [Dense(h) -> (BatchNorm) -> ReLU -> (Dropout)] per hidden size -> Dense(out)}. The
     * first dense layer returns the input gradient only for its first {@code gradCols} columns.
     */
    public static Sequential build(String name, int in, int[] hidden, int out, float dropout, boolean batchNorm,
                                   Activation.Kind act, int gradCols, SplittableRandom rng, long seed) {
        List<Layer> layers = new ArrayList<>();
        int d = in;
        for (int k = 0; k < hidden.length; k++) {
            layers.add(new Dense(name + ".dense" + k, d, hidden[k], rng));
            if (batchNorm) {
                layers.add(new BatchNorm(name + ".bn" + k, hidden[k], 0.1f));
            }
            layers.add(new Activation(act, hidden[k]));
            if (dropout > 0) {
                layers.add(new Dropout(hidden[k], dropout, seed * 31 + k));
            }
            d = hidden[k];
        }
        layers.add(new Dense(name + ".out", d, out, rng));
        ((Dense) layers.get(0)).inputGradColumns(gradCols);
        return new Sequential(layers);
    }

    /** The output layer of a stack built by {@link #build}. */
    public static Dense output(Sequential s) {
        return (Dense) s.layer(s.size() - 1);
    }
}

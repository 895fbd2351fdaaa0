package org.movierec.neural.engine;

import java.util.ArrayList;
import java.util.List;

/** Layers applied in order; backward runs them in reverse with each layer's saved input. */
public final class Sequential extends Layer {
    private final Layer[] layers;
    private final float[][] inputs;

    public Sequential(List<Layer> layers) {
        super(layers.get(0).inDim(), layers.get(layers.size() - 1).outDim());
        this.layers = layers.toArray(new Layer[0]);
        for (int k = 1; k < this.layers.length; k++) {
            if (this.layers[k].inDim() != this.layers[k - 1].outDim()) {
                throw new IllegalArgumentException("layer " + k + " (" + this.layers[k].getClass().getSimpleName()
                        + ") expects " + this.layers[k].inDim() + " inputs but the previous layer gives "
                        + this.layers[k - 1].outDim());
            }
        }
        inputs = new float[this.layers.length][];
    }

    public Layer layer(int k) {
        return layers[k];
    }

    public int size() {
        return layers.length;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        float[] cur = x;
        for (int k = 0; k < layers.length; k++) {
            inputs[k] = cur;
            cur = layers[k].forward(cur, n, training);
        }
        return cur;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        float[] g = dy;
        for (int k = layers.length - 1; k >= 0; k--) {
            g = layers[k].backward(inputs[k], g, n);
        }
        return g;
    }

    @Override
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.params());
        }
        return out;
    }
}

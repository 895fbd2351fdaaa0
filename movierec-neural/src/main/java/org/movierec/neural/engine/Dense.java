package org.movierec.neural.engine;

import java.util.List;
import java.util.SplittableRandom;
import org.movierec.math.Kernels;

/**
 * Fully connected layer {@code y = x W + b} with {@code W [in x out]}. Initialised like PyTorch's
 * {@code nn.Linear}: {@code W, b ~ U(-1/sqrt(in), 1/sqrt(in))}. {@link #inputGradColumns} limits the
 * returned input gradient to the first columns (the embedding part of a concatenated input, when the
 * rest are fixed features): the returned {@code dx} is then {@code [n x inputGradColumns]}.
 */
public final class Dense extends Layer {
    private final Param w;
    private final Param b;
    private int gradCols;

    public Dense(String name, int in, int out, SplittableRandom rng) {
        super(in, out);
        w = Param.dense(name + ".w", in, out, true);
        b = Param.dense(name + ".b", 1, out, false);
        double a = 1 / Math.sqrt(in);
        w.initUniform(rng, a);
        b.initUniform(rng, a);
        gradCols = in;
    }

    public Dense inputGradColumns(int cols) {
        if (cols < 0 || cols > inDim) {
            throw new IllegalArgumentException("inputGradColumns must be in [0, " + inDim + "], got " + cols);
        }
        gradCols = cols;
        return this;
    }

    public Param weight() {
        return w;
    }

    public Param bias() {
        return b;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        y = grow(y, n * outDim);
        Kernels.matmul(x, w.value, y, n, inDim, outDim, false);
        Kernels.addRow(y, b.value, n, outDim);
        return y;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        Kernels.matmulTA(x, dy, w.grad, inDim, n, outDim, true);
        Kernels.sumRows(dy, b.grad, n, outDim);
        dx = grow(dx, n * gradCols);
        if (gradCols > 0) {
            Kernels.matmulTB(dy, w.value, dx, n, outDim, gradCols, false);
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(w, b);
    }
}

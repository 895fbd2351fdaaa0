package org.movierec.neural.engine;

import java.util.List;

/**
 * A differentiable map from a batch of rows {@code x [n x inDim]} to {@code y [n x outDim]}, over
 * flat row-major float arrays. Layers own their output and input-gradient buffers, which grow only
 * when a larger batch arrives, so a training step allocates nothing once the first full batch has
 * passed. {@link #backward} must be given the same input {@code x} that the last {@link #forward}
 * saw; it accumulates parameter gradients ({@code +=}) and returns {@code dL/dx}.
 *
 * <p>A layer instance is not thread-safe (its buffers are shared across calls): concurrent
 * inference uses one copy per thread sharing the weights ({@link Param#value}).
 */
public abstract class Layer {
    protected final int inDim;
    protected final int outDim;
    protected float[] y = new float[0];
    protected float[] dx = new float[0];

    protected Layer(int inDim, int outDim) {
        if (inDim <= 0 || outDim <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive dimensions, got "
                    + inDim + " -> " + outDim);
        }
        this.inDim = inDim;
        this.outDim = outDim;
    }

    public int inDim() {
        return inDim;
    }

    public int outDim() {
        return outDim;
    }

    /** Computes the output for {@code n} rows; the returned buffer's first {@code n * outDim} entries are valid. */
    public abstract float[] forward(float[] x, int n, boolean training);

    /** Accumulates parameter gradients and returns {@code dL/dx} ({@code n * inDim} valid entries). */
    public abstract float[] backward(float[] x, float[] dy, int n);

    /** The parameters (trainable and saved-only), in a fixed order. */
    public List<Param> params() {
        return List.of();
    }

    /** Checks a batch's shape against this layer. */
    protected void checkShape(float[] x, int n) {
        if (n < 0 || x.length < n * inDim) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects " + n + " x " + inDim
                    + " inputs but got an array of " + x.length);
        }
    }

    protected static float[] grow(float[] buf, int size) {
        return buf.length >= size ? buf : new float[size];
    }
}

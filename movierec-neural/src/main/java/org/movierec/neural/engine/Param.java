package org.movierec.neural.engine;

import java.util.Arrays;

/**
 * One parameter tensor: a flat row-major {@code rows x cols} value array, its gradient and the
 * optimizer's state. A <em>sparse</em> parameter (an embedding table) records which rows a batch
 * touched, so the optimizer updates and clears only those rows. A non-trainable parameter (batch
 * norm's running statistics) is saved with the model but never updated by the optimizer.
 */
public final class Param {
    private final String name;
    private final int rows;
    private final int cols;
    private final boolean sparse;
    private final boolean trainable;
    private final boolean decay;
    /** The values; reassigned only when an inference copy shares a trained network's weights. */
    public float[] value;
    /** The gradient (null when not trainable). */
    public final float[] grad;
    /** Optimizer state (first and second moments, or momentum), created by the optimizer. */
    float[] m;
    float[] v;
    /** Per-row step counts for sparse lazy Adam. */
    int[] rowSteps;
    /** Max-norm bound on each row (embeddings) or column (dense weights); 0 = none. */
    private float maxNorm;
    private final boolean maxNormByRow;
    private int[] touched;
    private int touchedCount;
    private boolean[] isTouched;

    public Param(String name, int rows, int cols, boolean sparse, boolean trainable, boolean decay) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("parameter " + name + " needs a positive shape, got " + rows + "x" + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.sparse = sparse;
        this.trainable = trainable;
        this.decay = decay;
        this.value = new float[rows * cols];
        this.grad = trainable ? new float[rows * cols] : null;
        this.maxNormByRow = sparse;
        if (sparse) {
            touched = new int[Math.min(rows, 1024)];
            isTouched = new boolean[rows];
        }
    }

    /** A dense trainable weight. */
    public static Param dense(String name, int rows, int cols, boolean decay) {
        return new Param(name, rows, cols, false, true, decay);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    public boolean sparse() {
        return sparse;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Whether weight decay applies (weights yes; biases and normalisation gains no). */
    public boolean decay() {
        return decay;
    }

    /** Bounds the L2 norm of each row (sparse) or column (dense) to {@code c} after every step; 0 = off. */
    public Param maxNorm(float c) {
        if (c < 0) {
            throw new IllegalArgumentException("maxNorm must be >= 0, got " + c);
        }
        this.maxNorm = c;
        return this;
    }

    public float maxNorm() {
        return maxNorm;
    }

    /** Marks row {@code r} of a sparse parameter as touched by the current batch. */
    public void touch(int r) {
        if (!isTouched[r]) {
            isTouched[r] = true;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, Math.min(rows, touched.length * 2));
            }
            touched[touchedCount++] = r;
        }
    }

    public int touchedCount() {
        return touchedCount;
    }

    public int touchedRow(int k) {
        return touched[k];
    }

    /** Clears the gradient: the touched rows of a sparse parameter, all of a dense one. */
    public void zeroGrad() {
        if (grad == null) {
            return;
        }
        if (sparse) {
            for (int k = 0; k < touchedCount; k++) {
                int r = touched[k];
                isTouched[r] = false;
                Arrays.fill(grad, r * cols, r * cols + cols, 0f);
            }
            touchedCount = 0;
        } else {
            Arrays.fill(grad, 0f);
        }
    }

    /** Applies the max-norm constraint to the rows (sparse: only touched ones) or columns. */
    void applyMaxNorm() {
        if (maxNorm <= 0) {
            return;
        }
        if (maxNormByRow) {
            for (int k = 0; k < touchedCount; k++) {
                clipRow(touched[k]);
            }
        } else {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    float x = value[i * cols + j];
                    s += x * x;
                }
                if (s > (double) maxNorm * maxNorm) {
                    float f = (float) (maxNorm / Math.sqrt(s));
                    for (int i = 0; i < rows; i++) {
                        value[i * cols + j] *= f;
                    }
                }
            }
        }
    }

    private void clipRow(int r) {
        double s = 0;
        int o = r * cols;
        for (int j = 0; j < cols; j++) {
            s += value[o + j] * value[o + j];
        }
        if (s > (double) maxNorm * maxNorm) {
            float f = (float) (maxNorm / Math.sqrt(s));
            for (int j = 0; j < cols; j++) {
                value[o + j] *= f;
            }
        }
    }

    /** Fills with uniform values in {@code [-a, a]}. */
    public void initUniform(java.util.SplittableRandom rng, double a) {
        for (int k = 0; k < value.length; k++) {
            value[k] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
    }

    /** Fills with normal values of standard deviation {@code sd}. */
    public void initNormal(java.util.SplittableRandom rng, double sd) {
        for (int k = 0; k < value.length; k++) {
            value[k] = (float) (gaussian(rng) * sd);
        }
    }

    public void fill(float x) {
        Arrays.fill(value, x);
    }

    static double gaussian(java.util.SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}

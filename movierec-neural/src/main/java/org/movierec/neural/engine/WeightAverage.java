package org.movierec.neural.engine;

import java.util.List;

/**
 * An exponential moving average of the trainable parameters over the optimizer's steps (Polyak
 * averaging): after each step {@code a = d a + (1 - d) w}, from {@code a = 0}, shown debiased as
 * {@code a / (1 - d^t)} after {@code t} steps (as optax's {@code ema} does, and Adam with its
 * moments), so that the initial weights do not weigh in. TensorFlow's {@code ExponentialMovingAverage}
 * and PyTorch's {@code AveragedModel} start from the initial weights instead; on a short training that
 * kept content-tower's average near them and ruined it (BENCHMARKS.md). Validated and saved in place of
 * the raw weights, the average is less noisy than the last step's weights.
 *
 * <p>A sparse parameter's rows (embeddings) are averaged lazily, so a step costs the rows the batch
 * touched, not the whole table: a row untouched for {@code t} steps held its value {@code w} all that
 * time, so its average is brought up to date in one go, {@code a = w + d^t (a - w)}, before the next
 * step changes it ({@link #beforeStep}), and all rows are before {@link #showAverage}. Non-trainable
 * parameters (batch norm's running statistics) are not averaged. Not thread-safe: one trainer's.
 */
public final class WeightAverage {
    private final float decay;
    private final List<Param> params;
    /** The running (biased) averages, from zero. */
    private final float[][] avg;
    /** What {@link #showAverage} puts in the parameters: the debiased averages. */
    private final float[][] shown;
    /** The raw values while the average is shown, else null. */
    private final float[][] raw;
    private boolean showing;
    /** Per sparse parameter: the step each row's average is up to date with. */
    private final long[][] rowStep;
    /** Per sparse parameter: the rows the current step touches, recorded before the optimizer clears them. */
    private final int[][] rows;
    private final int[] rowCount;
    private long step;

    /**
     * @param params the network's parameters
     * @param decay  {@code d} in {@code [0, 1)}: the weight of the previous average at each step
     */
    public WeightAverage(List<Param> params, float decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.params = params;
        int n = params.size();
        avg = new float[n][];
        shown = new float[n][];
        raw = new float[n][];
        rowStep = new long[n][];
        rows = new int[n][];
        rowCount = new int[n];
        for (int k = 0; k < n; k++) {
            Param p = params.get(k);
            if (p.trainable()) {
                avg[k] = new float[p.size()];
                shown[k] = new float[p.size()];
                if (p.sparse()) {
                    rowStep[k] = new long[p.rows()];
                    rows[k] = new int[16];
                }
            }
        }
    }

    /**
     * Before an optimizer step (after the backward pass, while the sparse parameters know the rows the
     * batch touched): brings those rows' averages up to date with their values, which are about to change.
     */
    public void beforeStep() {
        if (showing) {
            throw new IllegalStateException("the average is shown: showRaw() before training on");
        }
        for (int k = 0; k < avg.length; k++) {
            Param p = params.get(k);
            if (avg[k] == null || !p.sparse()) {
                continue;
            }
            int c = p.touchedCount();
            if (rows[k].length < c) {
                rows[k] = new int[Math.max(c, 2 * rows[k].length)];
            }
            for (int q = 0; q < c; q++) {
                int r = p.touchedRow(q);
                rows[k][q] = r;
                catchUp(k, r);
            }
            rowCount[k] = c;
        }
    }

    /** After the optimizer step: folds the new values into the average (a sparse parameter's touched rows only). */
    public void afterStep() {
        step++;
        float w = 1 - decay;
        for (int k = 0; k < avg.length; k++) {
            float[] a = avg[k];
            if (a == null) {
                continue;
            }
            Param p = params.get(k);
            float[] v = p.value;
            if (p.sparse()) {
                int cols = p.cols();
                for (int q = 0; q < rowCount[k]; q++) {
                    int r = rows[k][q];
                    int o = r * cols;
                    for (int j = o; j < o + cols; j++) {
                        a[j] += w * (v[j] - a[j]);
                    }
                    rowStep[k][r] = step;
                }
                rowCount[k] = 0;
            } else {
                for (int j = 0; j < a.length; j++) {
                    a[j] += w * (v[j] - a[j]);
                }
            }
        }
    }

    /**
     * Puts the debiased averages in the parameters (every row brought up to date first), to validate
     * or keep them; {@link #showRaw} puts the raw weights back to train on. Before any step the
     * average is the weights themselves.
     */
    public void showAverage() {
        if (showing) {
            return;
        }
        double norm = 1 - Math.pow(decay, step);
        for (int k = 0; k < avg.length; k++) {
            if (avg[k] == null) {
                continue;
            }
            Param p = params.get(k);
            if (p.sparse()) {
                for (int r = 0; r < p.rows(); r++) {
                    catchUp(k, r);
                }
            }
            float[] a = avg[k];
            float[] out = shown[k];
            if (step == 0) {
                System.arraycopy(p.value, 0, out, 0, out.length);
            } else {
                for (int j = 0; j < a.length; j++) {
                    out[j] = (float) (a[j] / norm);
                }
            }
            raw[k] = p.value;
            p.value = out;
        }
        showing = true;
    }

    /** Puts the raw weights back after {@link #showAverage}. */
    public void showRaw() {
        if (!showing) {
            return;
        }
        for (int k = 0; k < avg.length; k++) {
            if (avg[k] != null) {
                params.get(k).value = raw[k];
                raw[k] = null;
            }
        }
        showing = false;
    }

    /** Row {@code r}'s average after the steps since it was last brought up to date, its value held still. */
    private void catchUp(int k, int r) {
        long t = step - rowStep[k][r];
        if (t == 0) {
            return;
        }
        rowStep[k][r] = step;
        Param p = params.get(k);
        float f = (float) Math.pow(decay, t);
        float[] a = avg[k];
        float[] v = p.value;
        int cols = p.cols();
        for (int j = r * cols; j < r * cols + cols; j++) {
            a[j] = v[j] + f * (a[j] - v[j]);
        }
    }
}

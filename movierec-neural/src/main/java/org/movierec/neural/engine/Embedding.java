package org.movierec.neural.engine;

import java.util.SplittableRandom;

/**
 * An embedding table {@code E [rows x dim]} whose lookups write into a column range of a
 * concatenated batch matrix, and whose backward pass touches only the rows the batch used (a sparse
 * parameter: the optimizer updates just those rows).
 *
 * <p>Single lookups: row {@code i} of the batch gets {@code E[idx[i]]}. Bags (multi-hot inputs such
 * as a movie's genres): row {@code i} gets {@code sum_k w_k E[idx_k]} over its CSR range
 * {@code offsets[i] .. offsets[i+1]}; with {@code w_k = 1/count} that is the mean. An index of -1
 * (unknown) contributes nothing.
 */
public final class Embedding {
    private final Param table;
    private final int dim;

    public Embedding(String name, int rows, int dim, double initStd, SplittableRandom rng) {
        this.table = new Param(name, rows, dim, true, true, true);
        this.dim = dim;
        table.initNormal(rng, initStd);
    }

    public Param table() {
        return table;
    }

    public int dim() {
        return dim;
    }

    public int rows() {
        return table.rows();
    }

    /** {@code x[i*ld + off ..+dim] = E[idx[i]]} for {@code i < n} (zeros for index -1). */
    public void gather(int[] idx, int n, float[] x, int ld, int off) {
        float[] e = table.value;
        for (int i = 0; i < n; i++) {
            int r = idx[i];
            int o = i * ld + off;
            if (r < 0) {
                java.util.Arrays.fill(x, o, o + dim, 0f);
            } else {
                System.arraycopy(e, r * dim, x, o, dim);
            }
        }
    }

    /** {@code dE[idx[i]] += dx[i*ld + off ..+dim]}; marks the rows touched. */
    public void scatter(int[] idx, int n, float[] dx, int ld, int off) {
        float[] g = table.grad;
        for (int i = 0; i < n; i++) {
            int r = idx[i];
            if (r < 0) {
                continue;
            }
            table.touch(r);
            int o = i * ld + off;
            int go = r * dim;
            for (int j = 0; j < dim; j++) {
                g[go + j] += dx[o + j];
            }
        }
    }

    /** Weighted bag lookup: {@code x[i] = sum_{k in [offsets[i], offsets[i+1])} w[k] E[idx[k]]}. */
    public void gatherBag(int[] offsets, int[] idx, float[] w, int n, float[] x, int ld, int off) {
        float[] e = table.value;
        for (int i = 0; i < n; i++) {
            int o = i * ld + off;
            java.util.Arrays.fill(x, o, o + dim, 0f);
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                float s = w[k];
                int eo = idx[k] * dim;
                for (int j = 0; j < dim; j++) {
                    x[o + j] += s * e[eo + j];
                }
            }
        }
    }

    /** The gradient of {@link #gatherBag}. */
    public void scatterBag(int[] offsets, int[] idx, float[] w, int n, float[] dx, int ld, int off) {
        float[] g = table.grad;
        for (int i = 0; i < n; i++) {
            int o = i * ld + off;
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                float s = w[k];
                int r = idx[k];
                table.touch(r);
                int go = r * dim;
                for (int j = 0; j < dim; j++) {
                    g[go + j] += s * dx[o + j];
                }
            }
        }
    }
}

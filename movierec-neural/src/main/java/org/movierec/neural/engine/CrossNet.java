package org.movierec.neural.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.math.Kernels;

/**
 * Stacked DCN-v2 cross layers (Wang et al., "DCN V2", WWW 2021, eq. 1):
 * {@code x_{l+1} = x_0 * (x_l W_l + b_l) + x_l} (elementwise product with the layer's input
 * {@code x_0}), with {@code W_l [d x d]} (full) or, low-rank (their eq. 2),
 * {@code W_l = V_l U_l} with {@code V_l [d x r]}, {@code U_l [r x d]}.
 */
public final class CrossNet extends Layer {
    private final int layers;
    private final int rank;
    private final Param[] w;
    private final Param[] v;
    private final Param[] u;
    private final Param[] b;
    private final float[][] xs;
    private final float[][] z;
    private final float[][] h;
    private float[] g = new float[0];
    private float[] gNext = new float[0];
    private float[] dz = new float[0];
    private float[] dh = new float[0];

    /** @param rank 0 for full-rank layers, else the rank of the low-rank factorisation */
    public CrossNet(String name, int dim, int layers, int rank, SplittableRandom rng) {
        super(dim, dim);
        if (layers < 1 || rank < 0 || rank > dim) {
            throw new IllegalArgumentException("cross layers need layers >= 1 and 0 <= rank <= " + dim
                    + ", got layers=" + layers + ", rank=" + rank);
        }
        this.layers = layers;
        this.rank = rank;
        w = new Param[layers];
        v = new Param[layers];
        u = new Param[layers];
        b = new Param[layers];
        xs = new float[layers + 1][0];
        z = new float[layers][0];
        h = new float[layers][0];
        for (int l = 0; l < layers; l++) {
            if (rank == 0) {
                w[l] = Param.dense(name + "." + l + ".w", dim, dim, true);
                w[l].initUniform(rng, Math.sqrt(6.0 / (dim + dim)));
            } else {
                v[l] = Param.dense(name + "." + l + ".v", dim, rank, true);
                u[l] = Param.dense(name + "." + l + ".u", rank, dim, true);
                v[l].initUniform(rng, Math.sqrt(6.0 / (dim + rank)));
                u[l].initUniform(rng, Math.sqrt(6.0 / (dim + rank)));
            }
            b[l] = Param.dense(name + "." + l + ".b", 1, dim, false);
        }
    }

    public int layers() {
        return layers;
    }

    public int rank() {
        return rank;
    }

    /** The effective {@code d x d} weight of layer {@code l} ({@code V U} when low-rank), a fresh array. */
    public float[] effectiveWeight(int l) {
        int d = inDim;
        if (rank == 0) {
            return w[l].value.clone();
        }
        float[] out = new float[d * d];
        Kernels.matmul(v[l].value, u[l].value, out, d, rank, d, false);
        return out;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        int d = inDim;
        int len = n * d;
        xs[0] = x;
        for (int l = 0; l < layers; l++) {
            z[l] = grow(z[l], len);
            if (rank == 0) {
                Kernels.matmul(xs[l], w[l].value, z[l], n, d, d, false);
            } else {
                h[l] = grow(h[l], n * rank);
                Kernels.matmul(xs[l], v[l].value, h[l], n, d, rank, false);
                Kernels.matmul(h[l], u[l].value, z[l], n, rank, d, false);
            }
            Kernels.addRow(z[l], b[l].value, n, d);
            float[] next = xs[l + 1] = grow(xs[l + 1] == x ? new float[0] : xs[l + 1], len);
            float[] cur = xs[l];
            float[] zl = z[l];
            for (int k = 0; k < len; k++) {
                next[k] = x[k] * zl[k] + cur[k];
            }
        }
        return xs[layers];
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        int d = inDim;
        int len = n * d;
        dx = grow(dx, len);
        g = grow(g, len);
        gNext = grow(gNext, len);
        dz = grow(dz, len);
        System.arraycopy(dy, 0, g, 0, len);
        java.util.Arrays.fill(dx, 0, len, 0f);
        for (int l = layers - 1; l >= 0; l--) {
            float[] zl = z[l];
            for (int k = 0; k < len; k++) {
                dz[k] = g[k] * x[k];
                dx[k] += g[k] * zl[k];
            }
            Kernels.sumRows(dz, b[l].grad, n, d);
            // gNext = g + dz W^T (through x_l)
            System.arraycopy(g, 0, gNext, 0, len);
            if (rank == 0) {
                Kernels.matmulTA(xs[l], dz, w[l].grad, d, n, d, true);
                Kernels.matmulTB(dz, w[l].value, gNext, n, d, d, true);
            } else {
                dh = grow(dh, n * rank);
                Kernels.matmulTA(h[l], dz, u[l].grad, rank, n, d, true);
                Kernels.matmulTB(dz, u[l].value, dh, n, d, rank, false);
                Kernels.matmulTA(xs[l], dh, v[l].grad, d, n, rank, true);
                Kernels.matmulTB(dh, v[l].value, gNext, n, rank, d, true);
            }
            float[] t = g;
            g = gNext;
            gNext = t;
        }
        for (int k = 0; k < len; k++) {
            dx[k] += g[k];
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            if (rank == 0) {
                out.add(w[l]);
            } else {
                out.add(v[l]);
                out.add(u[l]);
            }
            out.add(b[l]);
        }
        return out;
    }
}

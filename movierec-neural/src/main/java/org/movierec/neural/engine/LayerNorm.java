package org.movierec.neural.engine;

import java.util.List;

/**
 * Layer normalisation (Ba et al. 2016) over each row's features:
 * {@code y = gamma (x - mean_row) / sqrt(var_row + eps) + beta}, the same in training and inference.
 */
public final class LayerNorm extends Layer {
    private static final float EPS = 1e-5f;
    private final Param gamma;
    private final Param beta;
    private float[] xhat = new float[0];
    private float[] invStd = new float[0];

    public LayerNorm(String name, int dim) {
        super(dim, dim);
        gamma = Param.dense(name + ".gamma", 1, dim, false);
        beta = Param.dense(name + ".beta", 1, dim, false);
        gamma.fill(1f);
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        int d = inDim;
        y = grow(y, n * d);
        xhat = grow(xhat, n * d);
        invStd = grow(invStd, n);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[o + j];
            }
            double mean = s / d;
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                double c = x[o + j] - mean;
                s2 += c * c;
            }
            float is = (float) (1 / Math.sqrt(s2 / d + EPS));
            invStd[i] = is;
            for (int j = 0; j < d; j++) {
                xhat[o + j] = (float) ((x[o + j] - mean) * is);
                y[o + j] = gamma.value[j] * xhat[o + j] + beta.value[j];
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        int d = inDim;
        dx = grow(dx, n * d);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double a = 0;
            double b = 0;
            for (int j = 0; j < d; j++) {
                gamma.grad[j] += dy[o + j] * xhat[o + j];
                beta.grad[j] += dy[o + j];
                double dxh = dy[o + j] * gamma.value[j];
                a += dxh;
                b += dxh * xhat[o + j];
            }
            for (int j = 0; j < d; j++) {
                double dxh = dy[o + j] * gamma.value[j];
                dx[o + j] = (float) (invStd[i] / d * (d * dxh - a - xhat[o + j] * b));
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }
}

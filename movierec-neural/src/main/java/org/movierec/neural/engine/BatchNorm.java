package org.movierec.neural.engine;

import java.util.List;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over each feature: in training
 * {@code xhat = (x - mean_B) / sqrt(var_B + eps)} with the batch's mean and biased variance,
 * {@code y = gamma xhat + beta}; running mean and unbiased variance are updated with
 * {@code momentum} (PyTorch's convention, 0.1) and used at inference.
 */
public final class BatchNorm extends Layer {
    private static final float EPS = 1e-5f;
    private final Param gamma;
    private final Param beta;
    private final Param runMean;
    private final Param runVar;
    private final float momentum;
    private float[] xhat = new float[0];
    private final float[] invStd;
    private final double[] sum;
    private final double[] sum2;

    public BatchNorm(String name, int dim, float momentum) {
        super(dim, dim);
        gamma = Param.dense(name + ".gamma", 1, dim, false);
        beta = Param.dense(name + ".beta", 1, dim, false);
        runMean = new Param(name + ".runningMean", 1, dim, false, false, false);
        runVar = new Param(name + ".runningVar", 1, dim, false, false, false);
        gamma.fill(1f);
        runVar.fill(1f);
        this.momentum = momentum;
        invStd = new float[dim];
        sum = new double[dim];
        sum2 = new double[dim];
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        checkShape(x, n);
        int d = inDim;
        y = grow(y, n * d);
        xhat = grow(xhat, n * d);
        float[] g = gamma.value;
        float[] bt = beta.value;
        if (training) {
            if (n < 2) {
                throw new IllegalArgumentException("batch normalisation needs at least 2 rows per training batch, got " + n);
            }
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(sum2, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    sum[j] += x[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                sum[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double c = x[i * d + j] - sum[j];
                    sum2[j] += c * c;
                }
            }
            for (int j = 0; j < d; j++) {
                double var = sum2[j] / n;
                invStd[j] = (float) (1 / Math.sqrt(var + EPS));
                runMean.value[j] = (float) ((1 - momentum) * runMean.value[j] + momentum * sum[j]);
                runVar.value[j] = (float) ((1 - momentum) * runVar.value[j] + momentum * sum2[j] / (n - 1));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    int k = i * d + j;
                    xhat[k] = (float) ((x[k] - sum[j]) * invStd[j]);
                    y[k] = g[j] * xhat[k] + bt[j];
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    int k = i * d + j;
                    float is = (float) (1 / Math.sqrt(runVar.value[j] + EPS));
                    y[k] = g[j] * (x[k] - runMean.value[j]) * is + bt[j];
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] x, float[] dy, int n) {
        int d = inDim;
        dx = grow(dx, n * d);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sum2, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                gamma.grad[j] += dy[k] * xhat[k];
                beta.grad[j] += dy[k];
                double dxh = dy[k] * gamma.value[j];
                sum[j] += dxh;
                sum2[j] += dxh * xhat[k];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double dxh = dy[k] * gamma.value[j];
                dx[k] = (float) (invStd[j] / n * (n * dxh - sum[j] - xhat[k] * sum2[j]));
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta, runMean, runVar);
    }
}

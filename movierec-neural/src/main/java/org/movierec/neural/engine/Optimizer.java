package org.movierec.neural.engine;

import java.util.List;

/**
 * Updates parameters from their gradients, then applies max-norm constraints and clears the
 * gradients. Sparse parameters (embeddings) are updated lazily: only the rows the batch touched,
 * with their moment estimates (as PyTorch's {@code SparseAdam} and TF's {@code LazyAdam} do).
 * Non-trainable parameters are skipped.
 * <ul>
 * <li>{@code ADAM} (Kingma and Ba 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr mhat / (sqrt(vhat) + eps)} with bias-corrected {@code mhat, vhat}; weight decay
 * here is an L2 term added to the gradient ({@code g += wd p}).</li>
 * <li>{@code ADAMW} (Loshchilov and Hutter 2019): Adam plus decoupled decay {@code p -= lr wd p}.</li>
 * <li>{@code SGD}: momentum {@code buf = mu buf + g + wd p}, {@code p -= lr buf}.</li>
 * </ul>
 * Decay applies only to parameters marked {@link Param#decay()} (weights and embeddings, not biases).
 */
public final class Optimizer {
    /** The update rule. */
    public enum Kind { ADAM, ADAMW, SGD }

    private final Kind kind;
    private final float weightDecay;
    private final float momentum;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float eps = 1e-8f;
    private long t;

    public Optimizer(Kind kind, float weightDecay, float momentum) {
        if (weightDecay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and momentum in [0, 1); got weightDecay="
                    + weightDecay + ", momentum=" + momentum);
        }
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
    }

    /** One step over {@code params} with learning rate {@code lr}. */
    public void step(List<Param> params, float lr) {
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        for (Param p : params) {
            if (!p.trainable()) {
                continue;
            }
            if (p.m == null) {
                p.m = new float[p.size()];
                if (kind != Kind.SGD) {
                    p.v = new float[p.size()];
                }
            }
            float wd = p.decay() ? weightDecay : 0f;
            if (p.sparse()) {
                int cols = p.cols();
                for (int k = 0; k < p.touchedCount(); k++) {
                    int o = p.touchedRow(k) * cols;
                    update(p, o, o + cols, lr, wd, c1, c2);
                }
            } else {
                update(p, 0, p.size(), lr, wd, c1, c2);
            }
            p.applyMaxNorm();
            p.zeroGrad();
        }
    }

    private void update(Param p, int from, int to, float lr, float wd, float c1, float c2) {
        float[] w = p.value;
        float[] g = p.grad;
        float[] m = p.m;
        switch (kind) {
            case SGD -> {
                for (int k = from; k < to; k++) {
                    m[k] = momentum * m[k] + g[k] + wd * w[k];
                    w[k] -= lr * m[k];
                }
            }
            case ADAM, ADAMW -> {
                float[] v = p.v;
                boolean decoupled = kind == Kind.ADAMW;
                float b1 = beta1;
                float b2 = beta2;
                // two loops rather than a test inside one, so that each is a straight line C2 can vectorize
                if (decoupled) {
                    for (int k = from; k < to; k++) {
                        float gk = g[k];
                        m[k] = b1 * m[k] + (1 - b1) * gk;
                        v[k] = b2 * v[k] + (1 - b2) * gk * gk;
                        float upd = (m[k] / c1) / ((float) Math.sqrt(v[k] / c2) + eps);
                        w[k] -= lr * (upd + wd * w[k]);
                    }
                } else {
                    for (int k = from; k < to; k++) {
                        float gk = g[k] + wd * w[k];
                        m[k] = b1 * m[k] + (1 - b1) * gk;
                        v[k] = b2 * v[k] + (1 - b2) * gk * gk;
                        float upd = (m[k] / c1) / ((float) Math.sqrt(v[k] / c2) + eps);
                        w[k] -= lr * upd;
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}

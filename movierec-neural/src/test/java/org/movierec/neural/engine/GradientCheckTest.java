package org.movierec.neural.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every layer, the embedding lookups and every loss against central finite differences. The loss
 * probed is {@code L = sum_k y_k r_k} for a fixed random {@code r}, summed in double; the tolerance is
 * relative, suited to float arithmetic: {@code |analytic - numeric| <= 2e-2 max(|a|, |n|) + 2e-3}.
 */
class GradientCheckTest {
    private static final float EPS = 4e-3f;

    private static float[] random(SplittableRandom rng, int len, double scale) {
        float[] a = new float[len];
        for (int k = 0; k < len; k++) {
            a[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    private static double probe(float[] y, float[] r, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += (double) y[k] * r[k];
        }
        return s;
    }

    private static void close(String what, double analytic, double numeric) {
        double tol = 2e-2 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 2e-3;
        assertThat(Math.abs(analytic - numeric)).as("%s: analytic %s vs numeric %s", what, analytic, numeric)
                .isLessThanOrEqualTo(tol);
    }

    /** Checks dL/dx and dL/dparam of {@code layer}; {@code before} runs before every forward (dropout reseeding). */
    static int check(Layer layer, float[] x, int n, boolean training, Runnable before) {
        SplittableRandom rng = new SplittableRandom(99);
        int outLen = n * layer.outDim();
        float[] r = random(rng, outLen, 1);
        before.run();
        layer.forward(x, n, training);
        for (Param p : layer.params()) {
            p.zeroGrad();
        }
        float[] dx = layer.backward(x, r, n).clone();
        int checked = 0;
        for (int k = 0; k < n * layer.inDim(); k++) {
            float old = x[k];
            x[k] = old + EPS;
            before.run();
            double lp = probe(layer.forward(x, n, training), r, outLen);
            x[k] = old - EPS;
            before.run();
            double lm = probe(layer.forward(x, n, training), r, outLen);
            x[k] = old;
            close(layer.getClass().getSimpleName() + " dx[" + k + "]", dx[k], (lp - lm) / (2 * EPS));
            checked++;
        }
        for (Param p : layer.params()) {
            if (!p.trainable()) {
                continue;
            }
            float[] g = p.grad.clone();
            for (int k = 0; k < p.size(); k++) {
                float old = p.value[k];
                p.value[k] = old + EPS;
                before.run();
                double lp = probe(layer.forward(x, n, training), r, outLen);
                p.value[k] = old - EPS;
                before.run();
                double lm = probe(layer.forward(x, n, training), r, outLen);
                p.value[k] = old;
                close(p.name() + "[" + k + "]", g[k], (lp - lm) / (2 * EPS));
                checked++;
            }
        }
        return checked;
    }

    private static float[] awayFromZero(float[] x) {
        for (int k = 0; k < x.length; k++) {
            if (Math.abs(x[k]) < 0.05f) {
                x[k] = x[k] < 0 ? -0.1f : 0.1f;
            }
        }
        return x;
    }

    @Test
    void dense() {
        SplittableRandom rng = new SplittableRandom(1);
        Dense d = new Dense("d", 5, 3, rng);
        assertThat(check(d, random(rng, 4 * 5, 1), 4, true, () -> { })).isEqualTo(20 + 15 + 3);
    }

    @Test
    void denseWithFewerInputGradientColumns() {
        SplittableRandom rng = new SplittableRandom(2);
        Dense d = new Dense("d", 5, 3, rng);
        float[] x = random(rng, 4 * 5, 1);
        float[] r = random(rng, 12, 1);
        d.forward(x, 4, true);
        float[] full = d.backward(x, r, 4).clone();
        d.inputGradColumns(2);
        float[] part = d.backward(x, r, 4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(part[i * 2 + j]).isEqualTo(full[i * 5 + j]);
            }
        }
    }

    @Test
    void relu() {
        SplittableRandom rng = new SplittableRandom(3);
        check(new Activation(Activation.Kind.RELU, 6), awayFromZero(random(rng, 18, 1)), 3, true, () -> { });
    }

    /** ReLU's backward is exactly dy where x > 0 and 0 elsewhere, at the edges too (it is computed without a select). */
    @Test
    void reluBackwardIsExactlyTheSelect() {
        float[] x = {Float.MIN_VALUE, -Float.MIN_VALUE, 0f, -0f, 1e-38f, 3.5f, -2f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f};
        float[] dy = {0.7f, 0.7f, -1.25f, 3f, -2f, -0.5f, 4f, 1e20f, -7f, 2f, Float.MIN_VALUE, 9f};
        Activation relu = new Activation(Activation.Kind.RELU, x.length);
        relu.forward(x, 1, true);
        float[] dx = relu.backward(x, dy, 1);
        for (int k = 0; k < x.length; k++) {
            float expected = x[k] > 0 ? dy[k] : 0f;
            assertThat(dx[k]).as("x = %s, dy = %s", x[k], dy[k]).isEqualTo(expected);
        }
    }

    @Test
    void gelu() {
        SplittableRandom rng = new SplittableRandom(4);
        check(new Activation(Activation.Kind.GELU, 6), random(rng, 18, 2), 3, true, () -> { });
    }

    @Test
    void dropoutWithAReplayedMask() {
        SplittableRandom rng = new SplittableRandom(5);
        Dropout d = new Dropout(8, 0.4f, 7);
        check(d, random(rng, 32, 1), 4, true, () -> d.reseed(11));
        // some units were dropped and the rest scaled by 1/(1-p)
        d.reseed(11);
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        float[] y = d.forward(ones, 4, true);
        int zeros = 0;
        for (int k = 0; k < 32; k++) {
            if (y[k] == 0f) {
                zeros++;
            } else {
                assertThat(y[k]).isEqualTo(1f / 0.6f);
            }
        }
        assertThat(zeros).isBetween(1, 31);
        assertThat(d.forward(ones, 4, false)).isSameAs(ones);
    }

    @Test
    void batchNormInTraining() {
        SplittableRandom rng = new SplittableRandom(6);
        BatchNorm bn = new BatchNorm("bn", 4, 0.1f);
        bn.params().get(0).initUniform(rng, 1.5);
        check(bn, random(rng, 5 * 4, 2), 5, true, () -> { });
    }

    @Test
    void batchNormAtInference() {
        SplittableRandom rng = new SplittableRandom(7);
        BatchNorm bn = new BatchNorm("bn", 3, 0.1f);
        float[] x = random(rng, 6 * 3, 2);
        bn.forward(x, 6, true);
        // inference uses the running statistics: mean moved 10% of the way to the batch mean
        double mean0 = 0;
        for (int i = 0; i < 6; i++) {
            mean0 += x[i * 3];
        }
        mean0 /= 6;
        assertThat((double) bn.params().get(2).value[0]).isCloseTo(0.1 * mean0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void layerNorm() {
        SplittableRandom rng = new SplittableRandom(8);
        LayerNorm ln = new LayerNorm("ln", 5);
        ln.params().get(0).initUniform(rng, 1.5);
        ln.params().get(1).initUniform(rng, 0.5);
        check(ln, random(rng, 3 * 5, 2), 3, true, () -> { });
    }

    @Test
    void crossNetFullRank() {
        SplittableRandom rng = new SplittableRandom(9);
        CrossNet c = new CrossNet("x", 4, 2, 0, rng);
        for (Param p : c.params()) {
            p.initUniform(rng, 0.5);
        }
        check(c, random(rng, 3 * 4, 1), 3, true, () -> { });
    }

    @Test
    void crossNetLowRank() {
        SplittableRandom rng = new SplittableRandom(10);
        CrossNet c = new CrossNet("x", 5, 3, 2, rng);
        for (Param p : c.params()) {
            p.initUniform(rng, 0.5);
        }
        check(c, random(rng, 3 * 5, 1), 3, true, () -> { });
        float[] w = c.effectiveWeight(0);
        assertThat(w).hasSize(25);
    }

    @Test
    void sequentialStack() {
        SplittableRandom rng = new SplittableRandom(11);
        Sequential s = new Sequential(List.of(new Dense("a", 4, 6, rng), new LayerNorm("n", 6),
                new Activation(Activation.Kind.GELU, 6), new Dense("b", 6, 2, rng)));
        check(s, random(rng, 3 * 4, 1), 3, true, () -> { });
    }

    @Test
    void embeddingLookupsAndBags() {
        SplittableRandom rng = new SplittableRandom(12);
        Embedding e = new Embedding("e", 6, 3, 0.5, rng);
        int n = 3;
        int ld = 3 + 3 + 1;
        int[] idx = {4, 1, 4};
        int[] offsets = {0, 2, 2, 5};
        int[] bag = {0, 1, 2, 3, 5};
        float[] bw = {0.5f, 0.5f, 1f / 3, 1f / 3, 1f / 3};
        float[] r = random(rng, n * ld, 1);
        float[] x = new float[n * ld];
        Runnable fwd = () -> {
            e.gather(idx, n, x, ld, 1);
            e.gatherBag(offsets, bag, bw, n, x, ld, 4);
        };
        fwd.run();
        e.table().zeroGrad();
        e.scatter(idx, n, r, ld, 1);
        e.scatterBag(offsets, bag, bw, n, r, ld, 4);
        float[] g = e.table().grad.clone();
        assertThat(e.table().touchedCount()).isEqualTo(6);
        for (int k = 0; k < e.table().size(); k++) {
            float old = e.table().value[k];
            e.table().value[k] = old + EPS;
            fwd.run();
            double lp = probe(x, r, x.length);
            e.table().value[k] = old - EPS;
            fwd.run();
            double lm = probe(x, r, x.length);
            e.table().value[k] = old;
            close("E[" + k + "]", g[k], (lp - lm) / (2 * EPS));
        }
        // row 4 was looked up twice: its gradient is the sum of both rows' probes
        assertThat(g[4 * 3]).isCloseTo(r[1] + r[2 * ld + 1], org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void losses() {
        SplittableRandom rng = new SplittableRandom(13);
        int n = 8;
        float[] t = random(rng, n, 2);
        for (Loss loss : Loss.values()) {
            float[] p = random(rng, n, 3);
            for (int i = 0; i < n; i++) {
                float e = Math.abs(p[i] - t[i]);
                if (e < 0.05f || Math.abs(e - Loss.HUBER_DELTA) < 0.05f) {
                    p[i] += 0.2f;
                }
            }
            float[] g = new float[n];
            loss.compute(p, t, n, g);
            float[] tmp = new float[n];
            for (int i = 0; i < n; i++) {
                float old = p[i];
                p[i] = old + EPS;
                double lp = loss.compute(p, t, n, tmp);
                p[i] = old - EPS;
                double lm = loss.compute(p, t, n, tmp);
                p[i] = old;
                close(loss + " d/dp[" + i + "]", g[i], (lp - lm) / (2 * EPS));
            }
        }
    }

    @Test
    void lossValuesByHand() {
        float[] p = {1f, 3f};
        float[] t = {2f, 0.5f};
        float[] g = new float[2];
        assertThat(Loss.MSE.compute(p, t, 2, g)).isEqualTo((1 + 6.25) / 2);
        assertThat(g).containsExactly(-1f, 2.5f);
        assertThat(Loss.MAE.compute(p, t, 2, g)).isEqualTo((1 + 2.5) / 2);
        assertThat(Loss.HUBER.compute(p, t, 2, g)).isEqualTo((0.5 + (2.5 - 0.5)) / 2);
    }
}

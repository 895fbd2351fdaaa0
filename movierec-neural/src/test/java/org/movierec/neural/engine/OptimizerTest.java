package org.movierec.neural.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        Param p = Param.dense("p", 1, 2, true);
        p.value[0] = 1f;
        p.value[1] = -1f;
        p.grad[0] = 0.3f;
        p.grad[1] = -5f;
        new Optimizer(Optimizer.Kind.ADAM, 0f, 0f).step(List.of(p), 0.01f);
        // first bias-corrected step is lr * g / |g|
        assertThat(p.value[0]).isCloseTo(0.99f, Offset.offset(1e-6f));
        assertThat(p.value[1]).isCloseTo(-0.99f, Offset.offset(1e-6f));
        assertThat(p.grad).containsOnly(0f);
    }

    @Test
    void adamwDecaysDecoupledFromTheGradient() {
        Param p = Param.dense("p", 1, 1, true);
        p.value[0] = 2f;
        p.grad[0] = 1f;
        new Optimizer(Optimizer.Kind.ADAMW, 0.5f, 0f).step(List.of(p), 0.1f);
        // 2 - 0.1 * (1 + 0.5 * 2)
        assertThat(p.value[0]).isCloseTo(1.8f, Offset.offset(1e-6f));
    }

    @Test
    void sgdWithMomentumByHand() {
        Param p = Param.dense("p", 1, 1, false);
        Optimizer o = new Optimizer(Optimizer.Kind.SGD, 0f, 0.9f);
        p.grad[0] = 1f;
        o.step(List.of(p), 0.1f);
        assertThat(p.value[0]).isCloseTo(-0.1f, Offset.offset(1e-7f));
        p.grad[0] = 1f;
        o.step(List.of(p), 0.1f);
        // buf = 0.9 * 1 + 1 = 1.9
        assertThat(p.value[0]).isCloseTo(-0.29f, Offset.offset(1e-6f));
    }

    @Test
    void sparseParametersUpdateOnlyTouchedRows() {
        Embedding e = new Embedding("e", 5, 2, 0.1, new SplittableRandom(1));
        float[] before = e.table().value.clone();
        float[] dx = {1f, 1f, 1f, 1f};
        e.scatter(new int[] {3, 1}, 2, dx, 2, 0);
        new Optimizer(Optimizer.Kind.ADAMW, 0.1f, 0f).step(List.of(e.table()), 0.01f);
        for (int r = 0; r < 5; r++) {
            boolean changed = e.table().value[r * 2] != before[r * 2];
            assertThat(changed).as("row %d", r).isEqualTo(r == 1 || r == 3);
        }
        assertThat(e.table().touchedCount()).isZero();
    }

    @Test
    void maxNormBoundsRowsAndColumns() {
        Embedding e = new Embedding("e", 3, 2, 10, new SplittableRandom(2));
        e.table().maxNorm(1f);
        e.scatter(new int[] {0, 1, 2}, 3, new float[6], 2, 0);
        new Optimizer(Optimizer.Kind.SGD, 0f, 0f).step(List.of(e.table()), 0.01f);
        for (int r = 0; r < 3; r++) {
            double n = Math.hypot(e.table().value[r * 2], e.table().value[r * 2 + 1]);
            assertThat(n).isLessThanOrEqualTo(1.0 + 1e-6);
        }
        Param w = Param.dense("w", 2, 1, true).maxNorm(0.5f);
        w.value[0] = 3f;
        w.value[1] = 4f;
        new Optimizer(Optimizer.Kind.SGD, 0f, 0f).step(List.of(w), 0.01f);
        assertThat(w.value[0]).isCloseTo(0.3f, Offset.offset(1e-6f));
        assertThat(w.value[1]).isCloseTo(0.4f, Offset.offset(1e-6f));
    }

    @Test
    void schedulesByHand() {
        assertThat(Schedule.constant(0.1f).at(1000)).isEqualTo(0.1f);
        Schedule step = new Schedule(Schedule.Kind.STEP, 1f, 0, 10, 0.5f, 1, 0f);
        assertThat(step.at(9)).isEqualTo(1f);
        assertThat(step.at(10)).isEqualTo(0.5f);
        assertThat(step.at(25)).isEqualTo(0.25f);
        Schedule cos = new Schedule(Schedule.Kind.COSINE, 1f, 0, 1, 1f, 100, 0f);
        assertThat(cos.at(0)).isEqualTo(1f);
        assertThat(cos.at(50)).isCloseTo(0.5f, Offset.offset(1e-6f));
        assertThat(cos.at(100)).isCloseTo(0f, Offset.offset(1e-6f));
        Schedule warm = new Schedule(Schedule.Kind.CONSTANT, 1f, 4, 1, 1f, 1, 0f);
        assertThat(warm.at(0)).isEqualTo(0.25f);
        assertThat(warm.at(3)).isEqualTo(1f);
        assertThatThrownBy(() -> Schedule.constant(0f)).hasMessageContaining("learningRate must be > 0");
        assertThatThrownBy(() -> Schedule.constant(-1e-3f)).hasMessageContaining("learningRate must be > 0");
    }

    @Test
    void aSmallNetworkMemorisesABatchAndItsFirstStepsLowerTheLoss() {
        SplittableRandom rng = new SplittableRandom(3);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense("a", 6, 16, rng));
        layers.add(new BatchNorm("bn", 16, 0.1f));
        layers.add(new Activation(Activation.Kind.RELU, 16));
        layers.add(new Dense("b", 16, 1, rng));
        Sequential net = new Sequential(layers);
        int n = 16;
        float[] x = new float[n * 6];
        float[] t = new float[n];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            t[i] = (float) rng.nextDouble(1, 5);
        }
        Optimizer opt = new Optimizer(Optimizer.Kind.ADAM, 0f, 0f);
        float[] g = new float[n];
        double first = Loss.MSE.compute(net.forward(x, n, true), t, n, g);
        double prev = first;
        double[] losses = new double[300];
        for (int s = 0; s < 300; s++) {
            losses[s] = Loss.MSE.compute(net.forward(x, n, true), t, n, g);
            net.backward(x, g, n);
            opt.step(net.params(), 0.01f);
        }
        // the first steps lower the loss, and it ends near zero
        for (int s = 1; s <= 5; s++) {
            assertThat(losses[s]).as("step %d", s).isLessThan(losses[s - 1]);
        }
        assertThat(losses[299]).isLessThan(0.01 * first);
        assertThat(prev).isEqualTo(first);
    }
}

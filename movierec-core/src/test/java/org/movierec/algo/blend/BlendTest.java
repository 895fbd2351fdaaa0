package org.movierec.algo.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.algo.AlgorithmContract;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

class BlendTest extends AlgorithmContract {
    static final String BASES = "bias,fm:features=side:rank=8:burnIn=10:samples=20";

    @Override
    protected Trainer<?> trainer(long seed) {
        return new Blend(new Blend.Config(BASES, 1.0, 0.1, seed));
    }

    @Override
    protected double rmseMarginOverBias() {
        return 0.05;
    }

    /** Its bases are rating models; see {@code FactorizationMachineTest#personalized}. */
    @Override
    protected boolean personalized() {
        return false;
    }

    /** Ranks by blended expected stars; see {@code FactorizationMachineTest#hitRateMarginOverPopularity}. */
    @Override
    protected double hitRateMarginOverPopularity() {
        return -1;
    }

    @Test
    void ridgeWeightsMatchHandArithmetic() {
        // x = (1, 2, 3, 4), y = 2x + 1 = (3, 5, 7, 9). Centered: xc = (-1.5, -0.5, 0.5, 1.5), yc = 2 xc.
        // sum xc^2 = 2.25 + 0.25 + 0.25 + 2.25 = 5; sum xc yc = 10.
        // ridge 0: w = 10 / 5 = 2, b = mean y - w mean x = 6 - 2 * 2.5 = 1.
        // ridge 5: w = 10 / (5 + 5) = 1, b = 6 - 1 * 2.5 = 3.5.
        double[][] x = {{1, 2, 3, 4}};
        double[] y = {3, 5, 7, 9};
        assertThat(Blend.ridge(x, y, 0)).containsExactly(new double[] {2, 1}, within(1e-12));
        assertThat(Blend.ridge(x, y, 5)).containsExactly(new double[] {1, 3.5}, within(1e-12));
    }

    @Test
    void ridgeSeparatesTwoBases() {
        // y = 0.5 a + 0.25 b + 1 exactly, with a and b not collinear: ridge 0 recovers (0.5, 0.25, 1).
        double[][] x = {{1, 2, 3, 4, 5}, {2, 1, 0, 4, 3}};
        double[] y = new double[5];
        for (int p = 0; p < 5; p++) {
            y[p] = 0.5 * x[0][p] + 0.25 * x[1][p] + 1;
        }
        assertThat(Blend.ridge(x, y, 0)).containsExactly(new double[] {0.5, 0.25, 1}, within(1e-9));
    }

    @Test
    void collinearBasesWithoutRidgeAreRejected() {
        double[][] x = {{1, 2, 3}, {2, 4, 6}};
        assertThatThrownBy(() -> Blend.ridge(x, new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collinear");
    }

    @Test
    void holdOutTakesATenthOfEveryUserDeterministically() {
        Dataset train = synthetic()[0];
        Dataset[] a = Blend.holdOut(train, 0.1, 7);
        Dataset[] b = Blend.holdOut(train, 0.1, 7);
        Dataset[] c = Blend.holdOut(train, 0.1, 8);
        Interactions in = train.interactions();
        Interactions rest = a[0].interactions();
        Interactions held = a[1].interactions();
        assertThat(rest.size() + held.size()).isEqualTo(in.size());
        for (int u = 0; u < in.numUsers(); u++) {
            int n = in.userCount(u);
            int expected = n < 2 ? 0 : (int) Math.min(n - 1, Math.max(1, Math.round(0.1 * n)));
            assertThat(held.userCount(u)).as("user %d with %d ratings", u, n).isEqualTo(expected);
        }
        assertThat(b[1].fingerprint()).isEqualTo(a[1].fingerprint());
        assertThat(c[1].fingerprint()).isNotEqualTo(a[1].fingerprint());
    }

    @Test
    void blendIsNoWorseThanItsBestBaseOnHeldOutData() {
        Dataset[] tt = synthetic();
        Blend.Model m = new Blend(new Blend.Config(BASES, 1.0, 0.1, 3)).fit(tt[0], null, ProgressListener.NONE);
        assertThat(m.bases()).hasSize(2);
        // The bases were refit on all the training data after the weights were fit on the hold-out.
        for (var base : m.bases()) {
            assertThat(base.provenance().datasetFingerprint()).isEqualTo(tt[0].fingerprint());
        }
        double blend = rmse(m, tt[1]);
        double best = Double.MAX_VALUE;
        for (var base : m.bases()) {
            best = Math.min(best, rmse((org.movierec.model.RatingPredictor) base, tt[1]));
        }
        assertThat(blend).isLessThan(best + 0.005);
        assertThat(m.weights()[1]).as("the FM carries the blend").isGreaterThan(m.weights()[0]);
    }

    @Test
    void givenValidationSetIsUsedForTheWeightsWithoutRefit() {
        Dataset[] tt = synthetic();
        Blend.Model m = new Blend(new Blend.Config(BASES, 1.0, 0.1, 3)).fit(tt[0], tt[1], ProgressListener.NONE);
        for (var base : m.bases()) {
            assertThat(base.provenance().datasetFingerprint()).isEqualTo(tt[0].fingerprint());
            assertThat(base.provenance().split()).isEqualTo("blend-fit");
        }
        assertThat(m.weights()[1]).isGreaterThan(0.5f);
    }

    private static double rmse(org.movierec.model.RatingPredictor rp, Dataset test) {
        Interactions in = test.interactions();
        double se = 0;
        for (int p = 0; p < in.size(); p++) {
            double e = test.ratingScale().clip(rp.predict(in.user(p), in.item(p))) - in.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / in.size());
    }

    @Test
    void badBaseModelsAreRejectedByName() {
        assertThatThrownBy(() -> AlgorithmRegistry.create("blend", Map.of("models", "bias,nosuch")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch");
        assertThatThrownBy(() -> AlgorithmRegistry.create("blend", Map.of("models", "bias,blend")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blend cannot contain");
        assertThatThrownBy(() -> AlgorithmRegistry.create("blend", Map.of("models", "fm:rank")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
        assertThatThrownBy(() -> AlgorithmRegistry.create("blend", Map.of("models", "bias,fm:rank=0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
        Trainer<?> withPopularity = AlgorithmRegistry.create("blend", Map.of("models", "bias,popularity"));
        assertThatThrownBy(() -> withPopularity.fit(synthetic()[0], null, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("popularity");
    }
}

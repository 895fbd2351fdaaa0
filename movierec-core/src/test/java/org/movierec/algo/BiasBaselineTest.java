package org.movierec.algo;

import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.Trainer;
import org.movierec.util.ProgressListener;

class BiasBaselineTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new BiasBaseline();
    }

    @Override
    protected boolean personalized() {
        return false;
    }

    @Override
    protected double rmseMarginOverBias() {
        return 0; // it is the bias baseline
    }

    @Override
    protected double hitRateMarginOverPopularity() {
        return -1; // ranks by item bias only; not meant to beat popularity at top-N
    }

    @Test
    void oneSweepWithoutShrinkageMatchesHandArithmetic() {
        // Two users, two movies: u0 rates m0=5, m1=3; u1 rates m0=4. mu = 12/3 = 4.
        // Sweep 1, users first with b_i = 0: b_u0 = ((5-4)+(3-4))/2 = 0; b_u1 = (4-4)/1 = 0.
        // Then items: b_m0 = ((5-4-0)+(4-4-0))/2 = 0.5; b_m1 = (3-4-0)/1 = -1.
        Interactions.Builder b = new Interactions.Builder(2, 2, 3);
        b.add(0, 0, 5, 1);
        b.add(0, 1, 3, 2);
        b.add(1, 0, 4, 3);
        Dataset d = new Dataset("tiny", Users.withoutDemographics(IdIndex.sequential(2)),
                Movies.idsOnly(IdIndex.sequential(2)), b.build(false), RatingScale.WHOLE_STARS);
        BiasBaseline.Model m = new BiasBaseline(new BiasBaseline.Config(0, 0, 1)).fit(d, null, ProgressListener.NONE);
        assertThat(m.mean()).isCloseTo(4f, within(1e-6f));
        assertThat(m.userBias(0)).isCloseTo(0f, within(1e-6f));
        assertThat(m.itemBias(0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(m.itemBias(1)).isCloseTo(-1f, within(1e-6f));
        assertThat(m.predict(1, 1)).isCloseTo(3f, within(1e-6f)); // 4 + 0 - 1
    }

    @Test
    void rejectsNegativeRegularization() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BiasBaseline.Config(-1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regUser=-1.0");
    }

    @Test
    void listsItselfInTheCatalogue() {
        assertThat(AlgorithmRegistry.all().stream().map(AlgorithmProvider::name).toList()).contains("bias");
        assertThat(List.of(AlgorithmRegistry.create("bias", java.util.Map.of("regUser", "5")).config().toString()))
                .anySatisfy(s -> assertThat(s).contains("regUser=5.0"));
    }
}

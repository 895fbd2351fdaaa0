package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.model.Trainer;

class SvdPlusPlusTest extends LatentModelContract {
    /**
     * The defaults with a longer schedule (100 epochs from step 0.01, decay 0.98 instead of 60 from
     * 0.007, decay 0.97): the contract's synthetic users have about 48 training ratings, and the schedule
     * tuned on ML-100k (about 85 per user) leaves the factors near their small initialization there
     * (measured: RMSE 0.7454 vs bias 0.7567 with the plain defaults).
     */
    @Override
    protected Trainer<?> trainer(long seed) {
        return new SvdPlusPlus(smallDataConfig(seed));
    }

    static SvdPlusPlus.Config smallDataConfig(long seed) {
        SvdPlusPlus.Config d = SvdPlusPlus.Config.DEFAULTS;
        return new SvdPlusPlus.Config(d.factors(), 100, 0.01f, 0.98f, d.regBias(), d.regFactor(), d.regImplicit(),
                d.initStd(), seed);
    }

    @Override
    protected Trainer<?> smallTrainer(long seed) {
        return new SvdPlusPlus(new SvdPlusPlus.Config(4, 200, 0.02f, 1f, 0.01f, 0.01f, 0.01f, 0.1f, seed));
    }

    @Test
    void rejectsBadConfig() {
        assertThatThrownBy(() -> AlgorithmRegistry.create("svdpp", Map.of("regImplicit", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regImplicit=-1.0");
    }

    @Test
    void realMovieLensU1() throws Exception {
        // Measured with the defaults (seed 42): 0.9124; the bound leaves 0.004 for other JVMs' rounding.
        assertMl100kU1Below(new SvdPlusPlus(), 0.917);
    }
}

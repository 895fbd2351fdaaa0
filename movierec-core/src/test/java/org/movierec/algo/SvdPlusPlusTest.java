package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.model.Model;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;

class SvdPlusPlusTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        SvdPlusPlus.Config d = SvdPlusPlus.Config.DEFAULTS;
        return new SvdPlusPlus(new SvdPlusPlus.Config(d.factors(), d.epochs(), d.learningRate(), d.decay(),
                d.regBias(), d.regFactor(), d.regImplicit(), d.initStd(), seed));
    }

    @Override
    protected Trainer<?> smallTrainer(long seed) {
        return new SvdPlusPlus(new SvdPlusPlus.Config(4, 200, 0.02f, 1f, 0.01f, 0.01f, 0.01f, 0.1f, seed));
    }

    @Override
    protected double rmseMarginOverBias() {
        return 0.05;
    }

    @Test
    void foldInOfATrainingUserTracksTheTrainedUser() {
        Dataset train = synthetic()[0];
        Model m = LatentChecks.fit(trainer(3), train);
        double mean = LatentChecks.foldInCorrelation(m, train, 50, 0.8);
        assertThat(mean).isGreaterThan(0.9);
    }

    @Test
    void foldInNewUserGetsTheirBlockFirst() {
        Model m = LatentChecks.fit(smallTrainer(1), Fixtures.twoBlocks());
        LatentChecks.foldInNewUserGetsTheirBlock(m);
        LatentChecks.foldInEmpty(m);
    }

    @Test
    void similarItemsAreFromTheSameBlock() {
        LatentChecks.similarItemsStayInBlock(LatentChecks.fit(smallTrainer(5), Fixtures.twoBlocks()));
    }

    @Test
    void implicitFeedbackAloneSeparatesTheBlocks() {
        // With p_u frozen near zero (huge penalty), only the y_j of the rated movies can personalize:
        // the known answer of the two-block fixture must still come out.
        Model m = LatentChecks.fit(new SvdPlusPlus(new SvdPlusPlus.Config(4, 200, 0.02f, 1f, 0.01f, 0f, 0.01f, 0.1f,
                9)), Fixtures.twoBlocks());
        SvdPlusPlus.Model s = (SvdPlusPlus.Model) m;
        float[] out = new float[21];
        s.scoreAll(0, out);
        // User 0 did not rate movies 1, 4, 7 (block 0); block-1 movies 10..19 must all score lower.
        float worstOwn = Math.min(out[1], Math.min(out[4], out[7]));
        for (int i = 10; i < 20; i++) {
            assertThat(out[i]).as("movie %d vs user 0's unseen own-block movies", i).isLessThan(worstOwn);
        }
    }

    @Test
    void rejectsBadConfig() {
        assertThatThrownBy(() -> Algorithms.create("svdpp", Map.of("regImplicit", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regImplicit=-1.0");
    }

    @Test
    void realMovieLensU1() throws Exception {
        double rmse = LatentChecks.ml100kU1(new SvdPlusPlus());
        Assumptions.assumeTrue(!Double.isNaN(rmse), Fixtures.NO_ML100K);
        assertThat(rmse).isLessThan(0.925);
    }
}

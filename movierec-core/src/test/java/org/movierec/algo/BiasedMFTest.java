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

class BiasedMFTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        BiasedMF.Config d = BiasedMF.Config.DEFAULTS;
        return new BiasedMF(new BiasedMF.Config(d.factors(), d.epochs(), d.learningRate(), d.decay(), d.regBias(),
                d.regFactor(), d.initStd(), seed));
    }

    /** Twenty users are too few for the MovieLens defaults: fewer factors, larger steps. */
    @Override
    protected Trainer<?> smallTrainer(long seed) {
        return new BiasedMF(new BiasedMF.Config(4, 200, 0.02f, 1f, 0.01f, 0.01f, 0.1f, seed));
    }

    @Override
    protected double rmseMarginOverBias() {
        return 0.05;
    }

    /**
     * The contract's known answer on the plain two-block fixture is out of reach of a model fit to
     * rating errors only (see {@link LatentChecks#twoBlocksWithDislikes()}); {@link #knownAnswerWithDislikes}
     * checks the same answer on the fixture with dislikes.
     */
    @Override
    protected boolean personalized() {
        return false;
    }

    /**
     * Ranking by predicted rating favours rarely rated movies with a high estimate, which is not what
     * hit rate rewards; measured on the contract's synthetic data: 0.356 vs popularity 0.588. The
     * bound only guards against a broken scorer (e.g. random scores give about 0.1).
     */
    @Override
    protected double hitRateMarginOverPopularity() {
        return -0.35;
    }

    @Test
    void knownAnswerWithDislikes() {
        Dataset d = LatentChecks.twoBlocksWithDislikes();
        LatentChecks.bestUnseenInOwnBlock(LatentChecks.fit(smallTrainer(7), d), d);
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
        Model m = LatentChecks.fit(smallTrainer(1), LatentChecks.twoBlocksWithDislikes());
        LatentChecks.foldInNewUserGetsTheirBlock(m);
        LatentChecks.foldInEmpty(m);
    }

    @Test
    void similarItemsAreFromTheSameBlock() {
        LatentChecks.similarItemsStayInBlock(LatentChecks.fit(smallTrainer(5), LatentChecks.twoBlocksWithDislikes()));
    }

    @Test
    void foldInRejectsMismatchedArrays() {
        BiasedMF.Model m = (BiasedMF.Model) LatentChecks.fit(smallTrainer(1), Fixtures.twoBlocks());
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {1, 2}, new float[] {4}, new float[21]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 items but 1 ratings");
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {21}, new float[] {4}, new float[21]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 21");
    }

    @Test
    void rejectsBadConfig() {
        assertThatThrownBy(() -> new BiasedMF.Config(0, 10, 0.01f, 1f, 0, 0, 0.1f, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors=0");
        assertThatThrownBy(() -> Algorithms.create("biased-mf", Map.of("decay", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decay=1.5");
    }

    @Test
    void listedInTheCatalogue() {
        assertThat(Algorithms.create("biased-mf", Map.of("factors", "8")).config().toString()).contains("factors=8");
    }

    @Test
    void realMovieLensU1() throws Exception {
        double rmse = LatentChecks.ml100kU1(new BiasedMF());
        Assumptions.assumeTrue(!Double.isNaN(rmse), Fixtures.NO_ML100K);
        // Measured with the defaults (seed 42): 0.9158; the bound leaves 0.004 for other JVMs' rounding.
        assertThat(rmse).isLessThan(0.920);
    }
}

package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.model.Model;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;

/**
 * The contract as the rating-error latent-factor models (BiasedMF, SVD++, timeSVD++) meet it, plus
 * their shared checks: fold-in and similar items (see {@link LatentChecks}).
 */
abstract class LatentModelContract extends AlgorithmContract {
    /**
     * Rating models: they rank unseen movies by predicted stars, which favours rarely rated movies with a
     * high estimate over the ones a user is likely to watch, so they are held to the RMSE margin, not to a
     * top-N one. Measured NDCG@10 on the contract's planted data: BiasedMF 0.130, SVD++ 0.142,
     * timeSVD++ 0.143 vs popularity 0.141.
     */
    @Override
    protected Margin ndcgMarginOverPopularity() {
        return Margin.notApplicable("a rating model (ranks by predicted stars): held to the RMSE margin");
    }

    /** The RMSE of {@code t} on ML-100k u1 must stay below {@code bound}; skipped without the data. */
    static void assertMl100kU1Below(Trainer<?> t, double bound) throws Exception {
        assertThat(LatentChecks.ml100kU1(t)).isLessThan(bound);
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
        Model m = LatentChecks.fit(smallTrainer(1), Fixtures.twoBlocksWithDislikes());
        LatentChecks.foldInNewUserGetsTheirBlock(m);
        LatentChecks.foldInEmpty(m);
    }

    @Test
    void similarItemsAreFromTheSameBlock() {
        LatentChecks.similarItemsStayInBlock(LatentChecks.fit(smallTrainer(5), Fixtures.twoBlocksWithDislikes()));
    }
}

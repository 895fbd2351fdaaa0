package org.movierec.algo.fm;

import org.movierec.algo.AlgorithmContract;
import org.movierec.model.Trainer;

/** The shared contract for the SGD-trained factorization machine. */
class FactorizationMachineSgdTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new FactorizationMachine(FactorizationMachine.Config.DEFAULTS.withMethod(FactorizationMachine.Method.SGD)
                .withRank(8).withFeatures("side").withSeed(seed));
    }

    @Override
    protected double rmseMarginOverBias() {
        return 0.03;
    }

    /**
     * The two-block fixture has only 4- and 5-star ratings, all inside each user's block: from
     * explicit ratings alone nothing says an other-block movie is worse, so a rating model ranks by
     * item bias there (the even, 5-star movies of either block). Personalization is checked by the
     * RMSE learning test and by {@code FmSideFeaturesTest} instead.
     */
    @Override
    protected boolean personalized() {
        return false;
    }

    /**
     * Trained on ratings, it ranks unseen movies by expected stars, which favours rarely rated
     * movies with high means; popularity wins hit rate@10 on the synthetic data (measured 0.35-0.38
     * against 0.59). A ranking loss is the remedy, not part of this model.
     */
    @Override
    protected double hitRateMarginOverPopularity() {
        return -1;
    }
}

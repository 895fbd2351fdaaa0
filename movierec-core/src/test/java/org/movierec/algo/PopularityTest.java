package org.movierec.algo;

import org.movierec.model.Trainer;

class PopularityTest extends AlgorithmContract {
    @Override
    protected Trainer<?> trainer(long seed) {
        return new Popularity();
    }

    @Override
    protected boolean personalized() {
        return false;
    }

    @Override
    protected double hitRateMarginOverPopularity() {
        return 0; // it is popularity
    }
}

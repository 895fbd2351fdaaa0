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
    protected Margin rmseMarginOverBias() {
        return Margin.notApplicable("predicts no ratings");
    }

    @Override
    protected Margin ndcgMarginOverPopularity() {
        return Margin.notApplicable("is the popularity baseline the rankers are measured against");
    }
}

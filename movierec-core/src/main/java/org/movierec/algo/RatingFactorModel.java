package org.movierec.algo;

import org.movierec.math.Kernels.Summation;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;

/**
 * A {@link FactorModel} whose scores are ratings (trained on squared error: BiasedMF, SVD++, ALS), so
 * that the evaluator may compute RMSE from {@link #predict}. Rankers (implicit ALS, BPR) are plain
 * {@link FactorModel}s: their scores only order items.
 */
public class RatingFactorModel extends FactorModel implements RatingPredictor {
    protected RatingFactorModel(String type, Provenance provenance, Parts parts, Layout layout, Summation summation,
                                FoldInRule foldIn) {
        super(type, provenance, parts, layout, summation, foldIn);
    }

    /** {@link #score}: {@code mu + b_u + b_i + (p_u + z_u).q_i}. */
    @Override
    public float predict(int user, int item) {
        return score(user, item);
    }

    /** The scores are ratings ({@link #predict}). */
    @Override
    public boolean scoresAreRatings() {
        return true;
    }

    @Override
    public RatingFactorModel withProvenance(Provenance pr) {
        return new RatingFactorModel(type(), pr, parts, layout(), summation(), foldInRule());
    }
}

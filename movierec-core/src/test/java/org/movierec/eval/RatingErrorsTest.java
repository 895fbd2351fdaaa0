package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.data.RatingScale;

class RatingErrorsTest {
    private static final double EPS = 1e-12;

    @Test
    void starsAndNormalisedScaleByHand() {
        // Predictions 3.5, 2, 5 for ratings 4, 2, 3: errors -0.5, 0, +2.
        // RMSE = sqrt((0.25 + 0 + 4) / 3) = sqrt(1.4166667) = 1.1902381
        // MAE  = (0.5 + 0 + 2) / 3 = 0.8333333
        // MAPE = 100 * (0.5/4 + 0/2 + 2/3) / 3 = 100 * 0.7916667 / 3 = 26.388889 %
        // Normalised (1..5 -> 0.5..1: x' = 0.5 + (x - 1) / 8): predictions 0.8125, 0.625, 1.0;
        // ratings 0.875, 0.625, 0.75. |diff| = 0.0625, 0, 0.25.
        // MAE_norm  = 0.3125 / 3 = 0.1041667 (= MAE / 8)
        // MAPE_norm = 100 * (0.0625/0.875 + 0 + 0.25/0.75) / 3 = 100 * (0.0714286 + 0.3333333) / 3 = 13.492063 %
        RatingErrors e = new RatingErrors(RatingScale.WHOLE_STARS);
        e.add(3.5, 4);
        e.add(2, 2);
        e.add(5, 3);
        RatingErrors.Result r = e.result();
        assertThat(r.n()).isEqualTo(3);
        assertThat(r.rmse()).isCloseTo(Math.sqrt(4.25 / 3), within(EPS));
        assertThat(r.rmse()).isCloseTo(1.1902381, within(1e-7));
        assertThat(r.mae()).isCloseTo(2.5 / 3, within(EPS));
        assertThat(r.mape()).isCloseTo(100 * (0.125 + 2.0 / 3) / 3, within(EPS));
        assertThat(r.mape()).isCloseTo(26.388889, within(1e-6));
        assertThat(r.maeNorm()).isCloseTo(0.3125 / 3, within(EPS));
        assertThat(r.maeNorm()).isCloseTo(r.mae() / 8, within(EPS));
        assertThat(r.mapeNorm()).isCloseTo(100 * (0.0625 / 0.875 + 0.25 / 0.75) / 3, within(EPS));
        assertThat(r.mapeNorm()).isCloseTo(13.492063, within(1e-6));
        assertThat(r.mapeSkipped()).isZero();
    }

    @Test
    void halfStarScaleNormalisesFromHalfAStar() {
        // 0.5..5 -> 0.5..1: x' = 0.5 + 0.5 * (x - 0.5) / 4.5. Rating 5 -> 1.0, prediction 0.5 -> 0.5:
        // MAE_norm = 0.5, MAPE_norm = 100 * 0.5 / 1.0 = 50 %.
        RatingErrors e = new RatingErrors(RatingScale.HALF_STARS);
        assertThat(e.normalise(0.5)).isCloseTo(0.5, within(EPS));
        assertThat(e.normalise(5)).isCloseTo(1.0, within(EPS));
        e.add(0.5, 5);
        assertThat(e.result().maeNorm()).isCloseTo(0.5, within(EPS));
        assertThat(e.result().mapeNorm()).isCloseTo(50, within(EPS));
    }

    @Test
    void zeroRatingsAreLeftOutOfMapeAndCounted() {
        // Scale 0..4. Prediction 1 for rating 0 (no relative error), prediction 3 for rating 2:
        // MAPE = 100 * (1/2) / 1 = 50 %, one rating skipped; MAE still over both = (1 + 1) / 2 = 1.
        RatingErrors e = new RatingErrors(new RatingScale(0f, 4f, 1f));
        e.add(1, 0);
        e.add(3, 2);
        RatingErrors.Result r = e.result();
        assertThat(r.mape()).isCloseTo(50, within(EPS));
        assertThat(r.mapeSkipped()).isEqualTo(1);
        assertThat(r.mae()).isCloseTo(1, within(EPS));
    }

    @Test
    void mergeEqualsAddingEverythingToOne() {
        RatingErrors a = new RatingErrors(RatingScale.WHOLE_STARS);
        RatingErrors b = new RatingErrors(RatingScale.WHOLE_STARS);
        RatingErrors all = new RatingErrors(RatingScale.WHOLE_STARS);
        double[][] pairs = {{3.2, 4}, {1.1, 1}, {4.9, 5}, {2.5, 3}, {3.7, 2}};
        for (int k = 0; k < pairs.length; k++) {
            (k < 2 ? a : b).add(pairs[k][0], pairs[k][1]);
            all.add(pairs[k][0], pairs[k][1]);
        }
        a.merge(b);
        assertThat(a.result().rmse()).isCloseTo(all.result().rmse(), within(EPS));
        assertThat(a.result().mape()).isCloseTo(all.result().mape(), within(EPS));
        assertThat(a.result().mapeNorm()).isCloseTo(all.result().mapeNorm(), within(EPS));
        assertThat(a.count()).isEqualTo(5);
    }

    @Test
    void emptyGivesNaN() {
        assertThat(new RatingErrors(RatingScale.WHOLE_STARS).result().rmse()).isNaN();
    }
}

package org.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.movierec.data.synth.SyntheticGenerator;

class SyntheticGeneratorTest {
    private static final SyntheticGenerator.Config CFG = SyntheticGenerator.Config.of(300, 200, 9000, 5);

    @Test
    void sameSeedSameData() {
        assertThat(SyntheticGenerator.generate(CFG).fingerprint())
                .isEqualTo(SyntheticGenerator.generate(CFG).fingerprint());
        assertThat(SyntheticGenerator.generate(SyntheticGenerator.Config.of(300, 200, 9000, 6)).fingerprint())
                .isNotEqualTo(SyntheticGenerator.generate(CFG).fingerprint());
    }

    @Test
    void hitsTheRequestedSizeAndScale() {
        Dataset d = SyntheticGenerator.generate(CFG);
        assertThat(d.interactions().size()).isEqualTo(9000);
        assertThat(d.numUsers()).isEqualTo(300);
        assertThat(d.numItems()).isEqualTo(200);
        for (float r : d.interactions().ratingsArray()) {
            assertThat(d.ratingScale().isValid(r)).isTrue();
        }
        Dataset half = SyntheticGenerator.generate(CFG.withHalfStars(true));
        assertThat(half.ratingScale()).isEqualTo(RatingScale.HALF_STARS);
        for (float r : half.interactions().ratingsArray()) {
            assertThat(half.ratingScale().isValid(r)).isTrue();
        }
        assertThat(d.users().hasDemographics()).isTrue();
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(d.interactions().userCount(u)).isGreaterThanOrEqualTo(CFG.minRatingsPerUser());
        }
    }

    @Test
    void popularityIsSkewed() {
        Dataset d = SyntheticGenerator.generate(CFG);
        int[] c = d.interactions().itemCounts();
        java.util.Arrays.sort(c);
        long top = 0;
        for (int i = c.length - 20; i < c.length; i++) {
            top += c[i];
        }
        // The top 10% of movies hold far more than 10% of the ratings.
        assertThat(top / 9000.0).isGreaterThan(0.25);
    }

    /** Mean planted affinity {@code p_u . q_i} (in stars) of the rated pairs. */
    private static double meanAffinityOfRated(SyntheticGenerator.Result r) {
        Interactions in = r.dataset().interactions();
        double sum = 0;
        for (int p = 0; p < in.size(); p++) {
            float[] pu = r.userFactors()[in.user(p)];
            float[] qi = r.itemFactors()[in.item(p)];
            for (int f = 0; f < pu.length; f++) {
                sum += pu[f] * qi[f];
            }
        }
        return sum / in.size();
    }

    @Test
    void usersRateMoviesTheyHaveATasteFor() {
        // The taste term has root mean square 1.25 stars over all pairs (about mean 0): with taste skew 0
        // the rated pairs are a popularity sample and average about 0; with the default skew 2 a candidate
        // of affinity z is kept with probability sigmoid(2 z), which moves the rated pairs' mean well up.
        double withTaste = meanAffinityOfRated(SyntheticGenerator.generateWithTruth(CFG));
        double popularityOnly = meanAffinityOfRated(SyntheticGenerator.generateWithTruth(CFG.withTasteSkew(0)));
        assertThat(popularityOnly).isBetween(-0.15, 0.15);
        assertThat(withTaste).as("vs %.3f without taste", popularityOnly).isGreaterThan(popularityOnly + 0.4);
    }

    @Test
    void ratingsSpreadOverTheWholeScaleWithDislikes() {
        Dataset d = SyntheticGenerator.generate(CFG);
        int[] count = new int[6];
        for (float r : d.interactions().ratingsArray()) {
            count[(int) r]++;
        }
        for (int star = 1; star <= 5; star++) {
            assertThat(count[star] / 9000.0).as("share of %d stars", star).isGreaterThan(0.03);
        }
        // ML-100k has 17.5% ones and twos; the generator gives about as many.
        assertThat((count[1] + count[2]) / 9000.0).as("ones and twos").isBetween(0.12, 0.25);
        assertThat(count[4] + count[5]).as("fours and fives outnumber ones and twos")
                .isGreaterThan(2 * (count[1] + count[2]));
    }

    @Test
    void plantedTruthExplainsTheRatingsUpToTheNoise() {
        // Rating = clip(round(mean + b_u + b_i + p_u . q_i + N(0, 0.6^2))): the RMSE of the clipped truth is
        // at most the noise plus rounding, sqrt(0.36 + 1/12) = 0.666 (less where clipping absorbs noise), far
        // below the ratings' standard deviation (about 1.1).
        SyntheticGenerator.Result r = SyntheticGenerator.generateWithTruth(CFG);
        Interactions in = r.dataset().interactions();
        org.movierec.eval.RatingErrors e = new org.movierec.eval.RatingErrors(r.dataset().ratingScale());
        for (int p = 0; p < in.size(); p++) {
            int u = in.user(p);
            int i = in.item(p);
            double truth = r.mean() + r.userBias()[u] + r.itemBias()[i];
            for (int f = 0; f < r.userFactors()[u].length; f++) {
                truth += r.userFactors()[u][f] * r.itemFactors()[i][f];
            }
            e.add(r.dataset().ratingScale().clip((float) truth), in.rating(p));
        }
        assertThat(e.result().rmse()).isBetween(0.55, 0.70);
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> SyntheticGenerator.Config.of(10, 10, 60, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half");
        assertThatThrownBy(() -> SyntheticGenerator.Config.of(10, 10, 20, 1).withTasteSkew(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tasteSkew=-1.0");
    }
}

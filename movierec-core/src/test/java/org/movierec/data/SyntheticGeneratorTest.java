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

    @Test
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> SyntheticGenerator.Config.of(10, 10, 60, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half");
    }
}

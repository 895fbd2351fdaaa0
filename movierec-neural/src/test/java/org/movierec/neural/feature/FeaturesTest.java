package org.movierec.neural.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.testing.Fixtures;

class FeaturesTest {
    @Test
    void ratingStatisticsByHand() {
        Dataset d = Fixtures.twoBlocks();
        Features f = Features.fit(d);
        float mu = (float) d.interactions().meanRating();
        float[] row = new float[f.userStatsDim()];
        f.userStats(0, row, 0);
        // user 0 rates offsets 0,2,3,5,6,8,9 of block 0: four 5s and three 4s, sum 32
        assertThat(row[0]).isCloseTo((32 + 5 * mu) / (7 + 5) - mu, Offset.offset(1e-6f));
        assertThat(row[1]).isCloseTo(5 - mu, Offset.offset(1e-6f));
        assertThat(row[2]).isCloseTo((float) (Math.log1p(7) / Math.log1p(7)), Offset.offset(1e-6f));
        assertThat(row[3]).isEqualTo(1f); // every rated movie is genre A
        assertThat(row[4]).isEqualTo(0f);
        // the cold user 20 and cold movie 20 have no statistics
        f.userStats(20, row, 0);
        assertThat(row).containsOnly(0f);
        float[] m = new float[4];
        f.movieStats(20, m, 0);
        assertThat(m).containsOnly(0f);
        assertThat(f.yearBucket(20)).isEqualTo(-1);
        assertThat(f.genreEnd(3) - f.genreStart(3)).isEqualTo(1);
        assertThat(f.genreWeightAt(f.genreStart(3))).isEqualTo(1f);
    }

    @Test
    void fittedOnTheTrainingPartOnly() {
        Dataset d = Fixtures.twoBlocks();
        Interactions in = d.interactions();
        // keep only user 0's ratings: other users' ratings must not move movie statistics
        int[] pos = new int[in.userCount(0)];
        for (int k = 0; k < pos.length; k++) {
            pos[k] = in.userStart(0) + k;
        }
        Features f = Features.fit(d.withInteractions("u0", in.select(pos)));
        float[] m = new float[4];
        f.movieStats(10, m, 0);
        assertThat(m).containsOnly(0f); // movie 10 is rated only by users 10..19
        assertThatThrownBy(() -> Features.fit(d.withInteractions("empty", Interactions.empty(21, 21))))
                .hasMessageContaining("empty training part");
    }

    @Test
    void ageBucketsAreTheMl1mCodes() {
        assertThat(Features.bucketOfAge(17)).isEqualTo(0);
        assertThat(Features.bucketOfAge(18)).isEqualTo(1);
        assertThat(Features.bucketOfAge(34)).isEqualTo(2);
        assertThat(Features.bucketOfAge(49)).isEqualTo(4);
        assertThat(Features.bucketOfAge(56)).isEqualTo(6);
    }

    @Test
    void timeScaledAndBucketised() {
        Features f = Features.fit(Fixtures.twoBlocks());
        // twoBlocks timestamps span 1_000_000 .. 1_000_000 + 19*100 + 9
        assertThat(f.timeScaled(1_000_000L)).isEqualTo(0f);
        assertThat(f.timeScaled(1_001_909L)).isEqualTo(1f);
        assertThat(f.timeScaled(5L)).isEqualTo(0f);
        assertThat(f.timeBucket(1_001_909L)).isEqualTo(Features.TIME_BUCKETS - 1);
    }

    @Test
    void releaseMonthAndDaysSinceReleaseByHand() {
        Dataset d = Fixtures.twoBlocks();
        Features none = Features.fit(d);
        assertThat(none.releaseMonth(0)).isEqualTo(-1);
        assertThat(none.daysSinceRelease(0, 1_000_000L)).isZero();
        int n = d.numItems();
        int[] days = new int[n];
        for (int i = 0; i < n; i++) {
            days[i] = i % 2 == 0 ? 0 : org.movierec.data.Movies.UNKNOWN_DAY; // 1970-01-01, or unknown
        }
        days[1] = (int) java.time.LocalDate.of(1970, 3, 15).toEpochDay(); // day 73: after every rating
        Features f = Features.fit(d.withMovies(d.movies().withReleaseDates(days)));
        assertThat(f.releaseMonth(0)).isEqualTo(0);
        assertThat(f.releaseMonth(1)).isEqualTo(2);
        assertThat(f.releaseMonth(3)).isEqualTo(-1);
        // ratings at 1,000,000 .. 1,001,909 s fall on day 11, so D = 11 for a movie released on day 0
        assertThat(f.daysSinceRelease(0, 1_000_000L)).isEqualTo(1f);
        assertThat(f.daysSinceRelease(0, 5 * 86_400L + 7)).isCloseTo((float) (Math.log1p(5) / Math.log1p(11)),
                Offset.offset(1e-6f));
        assertThat(f.daysSinceRelease(0, 400 * 86_400L)).isEqualTo(1f); // capped
        assertThat(f.daysSinceRelease(1, 1_000_000L)).isZero(); // rated before its release: 0 days
        assertThat(f.daysSinceRelease(3, 1_000_000L)).isZero(); // unknown date
    }
}

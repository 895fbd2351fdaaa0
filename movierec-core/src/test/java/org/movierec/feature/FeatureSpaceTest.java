package org.movierec.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.feature.FeatureSpace.Block;

class FeatureSpaceTest {
    /**
     * Users: 0 is 30 years old, male, occupation "doctor" (1), and rated movies 0, 1, 2 and 3;
     * 1 has unknown demographics and no ratings. Movies: 0 is Comedy+Drama from 1995, 1 has no
     * genre and no year, 2 is Action from 1925, 3 is Drama from 2021.
     */
    static Dataset tiny() {
        Users users = Users.withDemographics(IdIndex.of(10, 20), new int[] {30, -1},
                new byte[] {Users.GENDER_MALE, Users.GENDER_UNKNOWN}, new int[] {1, -1},
                List.of("artist", "doctor"), new String[] {"12345", null});
        Movies movies = new Movies(IdIndex.of(100, 200, 300, 400), new String[] {"a", "b", "c", "d"},
                new int[] {1995, 0, 1925, 2021}, new long[] {0b110, 0, 0b001, 0b100},
                List.of("Action", "Comedy", "Drama"), null, null);
        Interactions.Builder b = new Interactions.Builder(2, 4, 4);
        for (int i = 0; i < 4; i++) {
            b.add(0, 3 - i, 4f, i);
        }
        return new Dataset("tiny", users, movies, b.build(false), RatingScale.WHOLE_STARS);
    }

    @Test
    void layoutAndEncodingOfEveryBlock() {
        FeatureSpace fs = FeatureSpace.of(EnumSet.allOf(Block.class), tiny());
        // Offsets in enum order: USER 2, MOVIE 4, GENRES 3, AGE 7, GENDER 2, OCCUPATION 2, YEAR 11, IMPLICIT 4.
        assertThat(fs.offset(Block.USER)).isEqualTo(0);
        assertThat(fs.offset(Block.MOVIE)).isEqualTo(2);
        assertThat(fs.offset(Block.GENRES)).isEqualTo(6);
        assertThat(fs.offset(Block.AGE)).isEqualTo(9);
        assertThat(fs.offset(Block.GENDER)).isEqualTo(16);
        assertThat(fs.offset(Block.OCCUPATION)).isEqualTo(18);
        assertThat(fs.offset(Block.YEAR)).isEqualTo(20);
        assertThat(fs.offset(Block.IMPLICIT)).isEqualTo(31);
        assertThat(fs.dimension()).isEqualTo(35);
        int[] idx = new int[fs.maxUserNnz() + fs.maxMovieNnz()];
        float[] val = new float[idx.length];
        int n = fs.encode(0, 0, idx, val);
        // user#0 -> 0; age 30 -> bucket 25-34 (2) -> 11; male -> 16; doctor -> 19;
        // rated movies 0..3 -> 31..34 at 1/sqrt(4) = 0.5; movie#0 -> 2; Comedy, Drama -> 7, 8 at 1/2; 1995 -> decade (1995-1920)/10 = 7 -> 27.
        assertThat(Arrays.copyOf(idx, n)).containsExactly(0, 11, 16, 19, 31, 32, 33, 34, 2, 7, 8, 27);
        assertThat(Arrays.copyOf(val, n)).containsExactly(1f, 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 1f, 0.5f, 0.5f, 1f);
        // Cold user, movie without genre or year: only the one-hot ids remain.
        n = fs.encode(1, 1, idx, val);
        assertThat(Arrays.copyOf(idx, n)).containsExactly(1, 3);
        assertThat(fs.featureName(27)).isEqualTo("year=1990s");
        assertThat(fs.featureName(8)).isEqualTo("genres=Drama");
        assertThat(fs.featureName(32)).isEqualTo("rated#200");
        assertThat(fs.blockOf(19)).isEqualTo(Block.OCCUPATION);
    }

    @Test
    void bucketsAtTheirBoundaries() {
        assertThat(FeatureSpace.ageBucket(17)).isEqualTo(0);
        assertThat(FeatureSpace.ageBucket(18)).isEqualTo(1);
        assertThat(FeatureSpace.ageBucket(1)).isEqualTo(0); // ML-1M code for under 18
        assertThat(FeatureSpace.ageBucket(56)).isEqualTo(6);
        assertThat(FeatureSpace.ageBucket(-1)).isEqualTo(-1);
        assertThat(FeatureSpace.yearBucket(1929)).isEqualTo(0);
        assertThat(FeatureSpace.yearBucket(1930)).isEqualTo(1);
        assertThat(FeatureSpace.yearBucket(2019)).isEqualTo(9);
        assertThat(FeatureSpace.yearBucket(2020)).isEqualTo(10);
        assertThat(FeatureSpace.yearBucket(0)).isEqualTo(-1);
    }

    @Test
    void disabledBlocksTakeNoIndices() {
        FeatureSpace fs = FeatureSpace.of(FeatureSpace.parseBlocks("movie+genres"), tiny());
        assertThat(fs.dimension()).isEqualTo(4 + 3);
        int[] idx = new int[fs.maxUserNnz() + fs.maxMovieNnz()];
        float[] val = new float[idx.length];
        int n = fs.encode(0, 2, idx, val);
        // movie#2 -> 2; Action -> 4 + 0.
        assertThat(Arrays.copyOf(idx, n)).containsExactly(2, 4);
    }

    @Test
    void parsesBlockListsAndNamesBadOnes() {
        assertThat(FeatureSpace.parseBlocks("side")).isEqualTo(FeatureSpace.SIDE_FEATURES);
        assertThat(FeatureSpace.parseBlocks("User, IMPLICIT")).containsExactly(Block.USER, Block.IMPLICIT);
        assertThat(FeatureSpace.parseBlocks("all")).hasSize(Block.values().length);
        assertThatThrownBy(() -> FeatureSpace.parseBlocks("user,zodiac"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zodiac");
        assertThatThrownBy(() -> FeatureSpace.parseBlocks(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}

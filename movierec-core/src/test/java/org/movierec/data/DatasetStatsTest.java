package org.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.DatasetStats.Bin;
import org.movierec.data.DatasetStats.Distribution;
import org.movierec.data.io.DatasetReader;
import org.movierec.testing.Fixtures;

class DatasetStatsTest {
    /** 2000-01-01T00:00:00Z. */
    private static final long T_FIRST = 946_684_800L;
    /** 2000-06-15T12:00:00Z. */
    private static final long T_MID = 961_070_400L;
    /** 2001-03-04T23:59:59Z: a late-evening timestamp, which a local time zone east of UTC would move a day on. */
    private static final long T_LAST = 983_750_399L;

    /**
     * 4 users x 5 movies, whole stars; user 3 and movie 4 have no rating.
     * <pre>
     *        m0  m1  m2  m3  m4
     *   u0    5   3   4   .   .
     *   u1    4   .   .   1   .
     *   u2    5   2   4   5   .
     *   u3    .   .   .   .   .
     * </pre>
     */
    static Dataset handMade() {
        Interactions.Builder b = new Interactions.Builder(4, 5, 9);
        b.add(0, 0, 5, T_FIRST);
        b.add(0, 1, 3, T_MID);
        b.add(0, 2, 4, T_MID);
        b.add(1, 0, 4, T_MID);
        b.add(1, 3, 1, T_LAST);
        b.add(2, 0, 5, T_MID);
        b.add(2, 1, 2, T_MID);
        b.add(2, 2, 4, T_MID);
        b.add(2, 3, 5, T_MID);
        Movies movies = new Movies(IdIndex.sequential(5), new String[] {"a", "b", "c", "d", "e"},
                new int[] {1999, 0, 0, 0, 0}, new long[] {1, 0, 2, 0, 0}, List.of("Drama", "Comedy"), null, null);
        return new Dataset("hand-made", Users.withoutDemographics(IdIndex.sequential(4)), movies, b.build(false),
                RatingScale.WHOLE_STARS);
    }

    @Test
    void handMadeFixture() {
        DatasetStats s = DatasetStats.of(handMade());

        assertThat(s.name()).isEqualTo("hand-made");
        assertThat(s.users()).isEqualTo(4);
        assertThat(s.movies()).isEqualTo(5);
        assertThat(s.ratings()).isEqualTo(9);
        // 1 star: u1m3; 2: u2m1; 3: u0m1; 4: u0m2 u1m0 u2m2; 5: u0m0 u2m0 u2m3 -> 1+1+1+3+3 = 9
        assertThat(s.histogram()).containsExactly(new Bin(1, 1), new Bin(2, 1), new Bin(3, 1), new Bin(4, 3),
                new Bin(5, 3));
        assertThat(s.offScaleRatings()).isZero();
        // (5+3+4 + 4+1 + 5+2+4+5) / 9 = 33 / 9
        assertThat(s.meanRating()).isCloseTo(33.0 / 9, within(1e-12));
        // 1 - 9 / (4 * 5) = 1 - 0.45 = 0.55
        assertThat(s.sparsity()).isCloseTo(0.55, within(1e-12));
        // per user [3, 2, 4, 0] sorted [0, 2, 3, 4]: even count, median (2 + 3) / 2 = 2.5; mean 9 / 4 = 2.25
        assertThat(s.ratingsPerUser()).isEqualTo(new Distribution(0, 2.5, 4, 2.25));
        // per movie [3, 2, 2, 2, 0] sorted [0, 2, 2, 2, 3]: odd count, median the 3rd = 2; mean 9 / 5 = 1.8
        assertThat(s.ratingsPerMovie()).isEqualTo(new Distribution(0, 2, 3, 1.8));
        assertThat(s.firstDate()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(s.lastDate()).isEqualTo(LocalDate.of(2001, 3, 4));
        assertThat(s.sideInformation()).isEqualTo(new DatasetStats.SideInformation(false, true, true, false, false, 0, 0));
    }

    @Test
    void halfStarHistogramAndOffScaleRatings() {
        Interactions.Builder b = new Interactions.Builder(2, 2, 4);
        b.add(0, 0, 0.5f, 0);
        b.add(0, 1, 3.5f, 0);
        b.add(1, 0, 3.5f, 0);
        b.add(1, 1, 3.25f, 0);
        Dataset d = new Dataset("half", Users.withoutDemographics(IdIndex.sequential(2)),
                Movies.idsOnly(IdIndex.sequential(2)), b.build(false), RatingScale.HALF_STARS);

        DatasetStats s = DatasetStats.of(d);

        // 0.5, 1.0, ..., 5.0: (5.0 - 0.5) / 0.5 + 1 = 10 bins; 3.25 is between bins
        assertThat(s.histogram()).hasSize(10);
        assertThat(s.histogram().get(0)).isEqualTo(new Bin(0.5f, 1));
        assertThat(s.histogram().get(6)).isEqualTo(new Bin(3.5f, 2));
        assertThat(s.histogram().get(9)).isEqualTo(new Bin(5f, 0));
        assertThat(s.histogram().stream().mapToLong(Bin::count).sum()).isEqualTo(3);
        assertThat(s.offScaleRatings()).isEqualTo(1);
        // 1 - 4 / (2 * 2) = 0: every cell rated
        assertThat(s.sparsity()).isZero();
        assertThat(s.firstDate()).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(s.sideInformation()).isEqualTo(new DatasetStats.SideInformation(false, false, false, false, false, 0, 0));
    }

    @Test
    void emptyDataset() {
        Dataset d = new Dataset("empty", Users.withoutDemographics(IdIndex.sequential(0)),
                Movies.idsOnly(IdIndex.sequential(0)), Interactions.empty(0, 0), RatingScale.WHOLE_STARS);
        DatasetStats s = DatasetStats.of(d);
        assertThat(s.ratings()).isZero();
        assertThat(s.sparsity()).isEqualTo(1);
        assertThat(s.firstDate()).isNull();
        assertThat(s.ratingsPerUser()).isEqualTo(new Distribution(0, 0, 0, 0));
        assertThat(s.toJsonTree().get("date_range").get("first").isNull()).isTrue();
    }

    @Test
    void jsonHasSnakeCaseKeysAndTheSameNumbers() throws IOException {
        JsonNode j = new ObjectMapper().readTree(DatasetStats.of(handMade()).toJson());

        assertThat(j.get("users").asInt()).isEqualTo(4);
        assertThat(j.get("movies").asInt()).isEqualTo(5);
        assertThat(j.get("ratings").asLong()).isEqualTo(9);
        assertThat(j.get("sparsity").asDouble()).isCloseTo(0.55, within(1e-12));
        assertThat(j.get("rating_histogram").get(3).get("rating").asDouble()).isEqualTo(4.0);
        assertThat(j.get("rating_histogram").get(3).get("count").asLong()).isEqualTo(3);
        assertThat(j.get("ratings_per_user").get("median").asDouble()).isEqualTo(2.5);
        assertThat(j.get("ratings_per_movie").get("max").asInt()).isEqualTo(3);
        assertThat(j.get("date_range").get("first").asText()).isEqualTo("2000-01-01");
        assertThat(j.get("date_range").get("last").asText()).isEqualTo("2001-03-04");
        assertThat(j.get("side_information").get("genres").asBoolean()).isTrue();
        assertThat(j.get("side_information").get("links").asBoolean()).isFalse();
        assertKeysSnakeCase(j);
    }

    private static void assertKeysSnakeCase(JsonNode n) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            assertThat(k).matches("[a-z][a-z0-9_]*");
            assertKeysSnakeCase(n.get(k));
        }
        if (n.isArray()) {
            n.forEach(DatasetStatsTest::assertKeysSnakeCase);
        }
    }

    @Test
    void realMl100k() throws IOException {
        Path dir = Fixtures.requireMl100k();

        DatasetStats s = DatasetStats.of(DatasetReader.read(dir));

        assertThat(s.users()).isEqualTo(943);
        assertThat(s.movies()).isEqualTo(1682);
        assertThat(s.ratings()).isEqualTo(100_000);
        assertThat(s.histogram()).hasSize(5);
        assertThat(s.histogram().stream().mapToLong(Bin::count).sum()).isEqualTo(100_000);
        assertThat(s.offScaleRatings()).isZero();
        // Count the rating column of u.data independently of the reader.
        long[] direct = new long[6];
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                direct[Integer.parseInt(line.split("\t")[2])]++;
            }
        }
        for (int star = 1; star <= 5; star++) {
            assertThat(s.histogram().get(star - 1)).isEqualTo(new Bin(star, direct[star]));
        }
        // 1 - 100000 / (943 * 1682) = 1 - 100000 / 1586126
        assertThat(s.sparsity()).isCloseTo(1 - 100_000.0 / 1_586_126, within(1e-12));
        // The README: every user rated at least 20 movies.
        assertThat(s.ratingsPerUser().min()).isGreaterThanOrEqualTo(20);
        assertThat(s.ratingsPerUser().mean()).isCloseTo(100_000.0 / 943, within(1e-9));
        assertThat(s.ratingsPerMovie().min()).isGreaterThanOrEqualTo(1);
        assertThat(s.firstDate()).isBefore(s.lastDate());
        assertThat(s.sideInformation()).isEqualTo(new DatasetStats.SideInformation(true, true, true, true, false, 0, 0));
    }
}

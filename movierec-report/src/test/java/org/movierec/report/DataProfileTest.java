package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/** The aggregation behind the data report, on datasets small enough to count by hand. */
class DataProfileTest {
    static long at(int y, int m, int d, int hour) {
        return LocalDate.of(y, m, d).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + hour * 3600L;
    }

    /**
     * Three users, three movies (genres: m0 = A, m1 = A+B, m2 = B), half-star scale.
     * u0: m0 4.5 on 2000-01-03 (Mon), m1 3 on 2000-02-05 (Sat)
     * u1: m1 5 on 2000-02-07 (Mon), m2 0.5 on 2000-02-29 (Tue), m0 4 on 2000-03-01 (Wed)
     * u2: m2 2 on 2000-03-31 23:00 UTC (Fri)
     */
    static Dataset small(boolean withTime) {
        Interactions.Builder b = new Interactions.Builder(3, 3, 6);
        b.add(0, 0, 4.5f, withTime ? at(2000, 1, 3, 10) : 0);
        b.add(0, 1, 3f, withTime ? at(2000, 2, 5, 10) : 0);
        b.add(1, 1, 5f, withTime ? at(2000, 2, 7, 10) : 0);
        b.add(1, 2, 0.5f, withTime ? at(2000, 2, 29, 10) : 0);
        b.add(1, 0, 4f, withTime ? at(2000, 3, 1, 10) : 0);
        b.add(2, 2, 2f, withTime ? at(2000, 3, 31, 23) : 0);
        Movies movies = new Movies(IdIndex.of(1, 2, 3), new String[] {"X (1994)", "Y (1981)", "Z (1999)"},
                new int[] {1994, 1981, 1999}, new long[] {1L, 3L, 2L}, List.of("A", "B"), null, null);
        return new Dataset("small", Users.withoutDemographics(IdIndex.of(7, 8, 9)), movies, b.build(false),
                RatingScale.HALF_STARS);
    }

    @Test
    void countsByHand() {
        DataProfile p = DataProfile.of(small(true));
        assertThat(p.ratings).isEqualTo(6);
        // bins 0.5, 1, ..., 5: 0.5 -> 0, 2 -> 3, 3 -> 5, 4 -> 7, 4.5 -> 8, 5 -> 9
        assertThat(p.ratingCounts).containsExactly(1, 0, 0, 1, 0, 1, 0, 1, 1, 1);
        assertThat(p.ratingSum).isEqualTo(19.0);
        assertThat(p.userCounts).containsExactly(2, 3, 1);
        assertThat(p.movieCounts).containsExactly(2, 2, 2);
        assertThat(p.movieSums).containsExactly(8.5, 8.0, 2.5);
        // months: Jan 1, Feb 3, Mar 2
        assertThat(p.monthCounts).containsExactly(1, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // Mon (Jan 3, Feb 7) 2, Tue 1, Wed 1, Fri 1, Sat 1
        assertThat(p.dowCounts).containsExactly(2, 1, 1, 0, 1, 1, 0);
        assertThat(p.monthlyPeriods).isTrue();
        assertThat(p.periodLabels).containsExactly("2000-01", "2000-02", "2000-03");
        assertThat(p.periodCounts).containsExactly(1, 3, 2);
        // active: Jan u0; Feb u0, u1; Mar u1, u2. New: Jan u0, Feb u1, Mar u2
        assertThat(p.periodActiveUsers).containsExactly(1, 2, 2);
        assertThat(p.periodNewUsers).containsExactly(1, 1, 1);
        // genre A: m0 (2 ratings) + m1 (2) = 4, B: m1 (2) + m2 (2) = 4; A in Jan 1, Feb 2 (m1 twice), Mar 1 (m0)
        assertThat(p.genreCounts).containsExactly(4, 4);
        assertThat(p.genreSums).containsExactly(4.5 + 3 + 5 + 4, 3 + 5 + 0.5 + 2);
        assertThat(p.genrePeriodCounts).containsExactly(1, 2, 1, 0, 3, 1);
    }

    @Test
    void sectionsWithoutTheirColumnsAreLeftOutWithTheReason() {
        List<Section> s = DataReport.sections(DataProfile.of(small(false)), new DataReport.Options(2, 5));
        assertThat(s).extracting(Section::id).containsExactlyElementsOf(DataReport.SECTION_IDS);
        assertThat(s.stream().filter(Section::isLeftOut).map(Section::id)).containsExactly("month-of-year",
                "day-of-week", "gender", "age", "occupation", "region", "activity", "directors-stars");
        Section month = s.stream().filter(x -> x.id().equals("month-of-year")).findFirst().orElseThrow();
        assertThat(month.note()).isEqualTo("the ratings have no timestamps");
        Section gender = s.stream().filter(x -> x.id().equals("gender")).findFirst().orElseThrow();
        assertThat(gender.note()).contains("no user file with demographics");
        // genres stay, without the over-time chart
        Section genres = s.stream().filter(x -> x.id().equals("genres")).findFirst().orElseThrow();
        assertThat(genres.charts()).hasSize(1);
        // the half-star histogram has ten bins
        Section dist = s.stream().filter(x -> x.id().equals("rating-distribution")).findFirst().orElseThrow();
        assertThat(dist.charts().get(0).data().rows()).hasSize(10);
        assertThat(dist.charts().get(0).data().rows().get(0)).containsExactly("0.5", "1", "16.67%");
    }

    @Test
    void bayesianAverageAndMinimumCount() {
        // every movie has 2 ratings; with min-ratings 2 all qualify; mu = 19 / 6 = 3.1667
        // X: (2 * 3.1667 + 8.5) / 4 = 3.7083; Y: (6.3333 + 8) / 4 = 3.5833; Z: (6.3333 + 2.5) / 4 = 2.2083
        List<Section> s = DataReport.sections(DataProfile.of(small(true)), new DataReport.Options(2, 5));
        Table best = s.stream().filter(x -> x.id().equals("best-loved")).findFirst().orElseThrow().charts().get(0).data();
        assertThat(best.rows()).extracting(r -> r.get(1) + " " + r.get(5))
                .containsExactly("X (1994) 3.708", "Y (1981) 3.583", "Z (1999) 2.208");
        Table worst = s.stream().filter(x -> x.id().equals("worst-rated")).findFirst().orElseThrow().charts().get(0).data();
        assertThat(worst.rows().get(0).get(1)).isEqualTo("Z (1999)");
        List<Section> strict = DataReport.sections(DataProfile.of(small(true)), new DataReport.Options(3, 5));
        assertThat(strict.stream().filter(x -> x.id().equals("best-loved")).findFirst().orElseThrow().note())
                .isEqualTo("no movie has at least 3 ratings (lower it with --min-ratings)");
    }

    @Test
    void civilCalendarAgreesWithJavaTime() {
        for (long day = -800_000; day <= 800_000; day += 997) {
            LocalDate d = LocalDate.ofEpochDay(day);
            assertThat(DataProfile.civilYear(day)).as("year of day %d", day).isEqualTo(d.getYear());
            assertThat(DataProfile.civilMonth(day)).as("month of day %d", day).isEqualTo(d.getMonthValue());
            assertThat((int) Math.floorMod(day + 3, 7L)).isEqualTo(d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
        }
    }

    @Test
    void ageGroupsAndZipAreas() {
        // ML-100k ages in years and ML-1M bucket codes land in the same groups
        assertThat(DataProfile.ageGroup(7)).isZero();
        assertThat(DataProfile.ageGroup(1)).isZero();
        assertThat(DataProfile.ageGroup(18)).isEqualTo(1);
        assertThat(DataProfile.ageGroup(24)).isEqualTo(1);
        assertThat(DataProfile.ageGroup(25)).isEqualTo(2);
        assertThat(DataProfile.ageGroup(49)).isEqualTo(4);
        assertThat(DataProfile.ageGroup(56)).isEqualTo(6);
        assertThat(DataProfile.ageGroup(-1)).isEqualTo(7);
        assertThat(DataProfile.region("94110")).isEqualTo(9);
        assertThat(DataProfile.region("02138-1234")).isZero();
        assertThat(DataProfile.region("T8H1N")).isEqualTo(10);
        assertThat(DataProfile.region("1234")).isEqualTo(10);
        assertThat(DataProfile.region(null)).isEqualTo(11);
    }

    @Test
    void leftOutSectionsRenderAsNotesInChromium() throws Exception {
        String html = DataReport.html(small(false), new DataReport.Options(1, 5), "movierec test");
        Offline.assertSelfContained(html);
        Path out = Path.of("target", "reports", "data-small-no-time.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
        try (Browser b = Browser.start()) {
            b.open(out);
            assertThat(b.assertChartsRendered()).isEqualTo(8);
            assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("section.left-out p.note")))
                    .hasSize(8);
            assertThat(b.consoleErrors()).isEmpty();
        }
    }
}

package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.testing.Fixtures;

/**
 * The data report on the real ML-100k: every section is there with the right numbers (checked against
 * counts made outside movierec: awk and Python's datetime over u.data and u.user), and the page renders
 * in headless Chromium with every chart drawn and no console error.
 */
class DataReportMl100kTest {
    static Dataset ml100k;
    static List<Section> sections;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Fixtures.ml100k();
        if (dir == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(Fixtures.NO_ML100K + " (CI=true: real-data tests must run)");
            }
            Assumptions.abort(Fixtures.NO_ML100K);
        }
        ml100k = DatasetReader.read(dir);
        sections = DataReport.sections(DataProfile.of(ml100k), DataReport.Options.DEFAULTS);
    }

    static Section section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** First table of the section (behind its first chart, or on its own), as first cell -> row. */
    static Map<String, List<String>> rows(String id) {
        Section s = section(id);
        Table t = s.charts().isEmpty() ? s.tables().get(0) : s.charts().get(0).data();
        return t.rows().stream().collect(Collectors.toMap(r -> r.get(0), r -> r, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    @Test
    void everySectionIsPresentAndOnlyTmdbCreditsAreLeftOut() {
        assertThat(sections).extracting(Section::id).containsExactlyElementsOf(DataReport.SECTION_IDS);
        assertThat(sections.stream().filter(Section::isLeftOut).map(Section::id)).containsExactly("directors-stars");
        for (Section s : sections) {
            for (Chart c : s.charts()) {
                assertThat(c.data().rows()).as("numbers behind %s", c.id()).isNotEmpty();
            }
        }
    }

    /** Every chart has a title and both axis titles, the value axis with its unit in parentheses. */
    @Test
    void everyChartHasTitleAxesAndUnits() {
        assertThat(ChartChecks.assertTitlesAxesAndUnits(sections)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void ratingDistributionMatchesUData() {
        // awk -F'\t' '$3==5' u.data | wc -l  ->  21201
        Map<String, List<String>> r = rows("rating-distribution");
        assertThat(r.get("5")).containsExactly("5", "21,201", "21.20%");
        assertThat(r.get("1")).containsExactly("1", "6,110", "6.11%");
        assertThat(r).hasSize(5);
    }

    @Test
    void genderCountsMatchUUser() {
        // cut -d'|' -f3 u.user | sort | uniq -c  ->  273 F, 670 M; ratings and means by joining u.data (awk)
        Map<String, List<String>> r = rows("gender");
        assertThat(r.get("male")).containsExactly("male", "670", "74,260", "74.26%", "110.8", "3.529");
        assertThat(r.get("female")).containsExactly("female", "273", "25,740", "25.74%", "94.3", "3.532");
        assertThat(r).doesNotContainKey("unknown");
    }

    @Test
    void calendarSectionsMatchPythonDatetime() {
        // Python: datetime.utcfromtimestamp over u.data: Wednesday 16,621, Sunday 11,913; November 23,980;
        // no ratings in May..August (the data runs from 1997-09 to 1998-04).
        assertThat(rows("day-of-week").get("Wed").get(1)).isEqualTo("16,621");
        assertThat(rows("day-of-week").get("Sun").get(1)).isEqualTo("11,913");
        assertThat(rows("month-of-year").get("Nov").get(1)).isEqualTo("23,980");
        assertThat(rows("month-of-year").get("Jun").get(1)).isEqualTo("0");
        Map<String, List<String>> act = section("activity").charts().get(0).data().rows().stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r));
        assertThat(act.keySet()).containsExactlyInAnyOrder("1997-09", "1997-10", "1997-11", "1997-12", "1998-01",
                "1998-02", "1998-03", "1998-04");
        assertThat(act.get("1997-11").get(1)).isEqualTo("23,980");
        // every user's first rating lies in exactly one month
        long newUsers = act.values().stream().mapToLong(r -> Long.parseLong(r.get(4).replace(",", ""))).sum();
        assertThat(newUsers).isEqualTo(943);
    }

    @Test
    void movieListsNameTheKnownMovies() {
        // cut -f2 u.data | sort | uniq -c | sort -rn | head -1  ->  583 ratings of movie 50, Star Wars (1977);
        // awk over u.data: sum 2541, mean 2541/583 = 4.35849, overall mean mu = 3.52986,
        // Bayesian average (50 * mu + 2541) / (50 + 583) = 4.29304
        Table most = section("most-rated").charts().get(0).data();
        assertThat(most.rows().get(0)).containsExactly("1", "Star Wars (1977)", "1977", "583", "4.358", "4.293");
        // awk over u.data, movies with >= 50 ratings (603 of them), Bayesian average with prior weight 50:
        // highest Schindler's List (1993) 4.33188 (298 ratings), then Shawshank Redemption 4.30779;
        // lowest Cable Guy, The (1996) 2.72111 (106 ratings)
        Table best = section("best-loved").charts().get(0).data();
        assertThat(best.rows()).hasSize(20);
        assertThat(best.rows().get(0)).containsExactly("1", "Schindler's List (1993)", "1993", "298", "4.466", "4.332");
        assertThat(best.rows().get(1).get(1)).isEqualTo("Shawshank Redemption, The (1994)");
        Table worst = section("worst-rated").charts().get(0).data();
        assertThat(worst.rows().get(0).get(1)).isEqualTo("Cable Guy, The (1996)");
        assertThat(worst.rows().get(0).get(3)).isEqualTo("106");
        assertThat(worst.rows().get(0).get(5)).isEqualTo("2.721");
        assertThat(section("best-loved").intro()).contains("603");
    }

    @Test
    void pageRendersInHeadlessChromium() throws Exception {
        Path out = Path.of("target", "reports", "data-ml100k.html");
        Files.createDirectories(out.getParent());
        String html = DataReport.html(ml100k, DataReport.Options.DEFAULTS, "movierec test");
        Files.writeString(out, html, StandardCharsets.UTF_8);
        Offline.assertSelfContained(html);
        int expectedCharts = sections.stream().mapToInt(s -> s.charts().size()).sum();
        try (Browser b = Browser.start()) {
            b.open(out);
            assertThat(b.driver.getTitle()).isEqualTo("Data report: ml-100k");
            assertThat(b.assertChartsRendered()).isEqualTo(expectedCharts).isGreaterThanOrEqualTo(20);
            for (String id : DataReport.SECTION_IDS) {
                assertThat(b.driver.findElement(org.openqa.selenium.By.id(id)).isDisplayed()).as(id).isTrue();
            }
            assertThat(b.consoleErrors()).isEmpty();
            Path png = b.screenshot(Path.of("target", "screenshots", "data-ml100k.png"));
            assertThat(Files.size(png)).isGreaterThan(50_000);
        }
    }
}

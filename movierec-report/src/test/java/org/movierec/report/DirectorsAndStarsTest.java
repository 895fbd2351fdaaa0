package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.TmdbCredits;

/** The data report's directors and stars section from TMDB credits joined through links.csv, counted by hand. */
class DirectorsAndStarsTest {
    @TempDir
    Path dir;

    Dataset data() throws Exception {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Alpha (1990),Drama
                2,Beta (1991),Comedy
                3,Gamma (1992),Drama
                4,Delta (1993),Drama
                """);
        Files.writeString(dir.resolve("links.csv"), """
                movieId,imdbId,tmdbId
                1,0000001,11
                2,0000002,12
                3,0000003,13
                4,0000004,
                """);
        // movie 1: 5, 4, 3; movie 2: 2, 4; movie 3: 5; movie 4 (no TMDB id): 1
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                1,1,5.0,100
                1,2,2.0,101
                2,1,4.0,102
                2,2,4.0,103
                3,1,3.0,104
                3,3,5.0,105
                3,4,1.0,106
                """);
        return DatasetReader.read(dir);
    }

    static Dataset withCredits(Dataset d, Path credits) throws Exception {
        return d.withMovies(TmdbCredits.read(credits).join(d.movies()));
    }

    static Section section(List<Section> s) {
        return s.stream().filter(x -> x.id().equals("directors-stars")).findFirst().orElseThrow();
    }

    @Test
    void peopleAreRankedByTheRatingsOfTheirMovies() throws Exception {
        Dataset d = data();
        Path credits = dir.resolve("tmdb.csv");
        Files.writeString(credits, """
                tmdbId,director,cast
                11,Ann,X|Y
                12,Ann,Y
                13,Bob,"Zed, Jr."
                99,Nobody,Q
                """);
        Section s = section(DataReport.sections(DataProfile.of(withCredits(d, credits)),
                new DataReport.Options(1, 20)));
        assertThat(s.isLeftOut()).isFalse();
        assertThat(s.intro()).contains("3 of 4 movies");
        // Ann: movies 1 and 2, 5 ratings, (12 + 6) / 5 = 3.6; Bob: movie 3, 1 rating, 5.0
        assertThat(s.charts().get(0).id()).isEqualTo("chart-directors");
        assertThat(s.charts().get(0).data().rows()).containsExactly(
                List.of("1", "Ann", "2", "5", "3.600"), List.of("2", "Bob", "1", "1", "5.000"));
        // Y: movies 1 and 2, 5 ratings, 3.6; X: movie 1, 3 ratings, 4.0; Zed, Jr.: 1 rating, 5.0
        assertThat(s.charts().get(1).id()).isEqualTo("chart-stars");
        assertThat(s.charts().get(1).data().rows()).containsExactly(
                List.of("1", "Y", "2", "5", "3.600"), List.of("2", "X", "1", "3", "4.000"),
                List.of("3", "Zed, Jr.", "1", "1", "5.000"));
    }

    /** TMDB's own lists: every director counts, and the first five billed cast members, not the extras. */
    @Test
    void fromTmdbApiCreditsEveryDirectorAndTheTopBilledCastCount() throws Exception {
        Dataset d = data();
        Path credits = dir.resolve("credits.jsonl");
        StringBuilder cast = new StringBuilder();
        for (int i = 7; i >= 0; i--) { // billed in reverse list order: P0 first
            cast.append(i < 7 ? ", " : "").append("{\"name\": \"P").append(i).append("\", \"order\": ").append(i)
                    .append('}');
        }
        Files.writeString(credits, "{\"id\": 11, \"credits\": {\"cast\": [" + cast + "], \"crew\": ["
                + "{\"name\": \"Joel\", \"job\": \"Director\"}, {\"name\": \"Ethan\", \"job\": \"Director\"}, "
                + "{\"name\": \"Roger\", \"job\": \"Director of Photography\"}]}}\n");
        Section s = section(DataReport.sections(DataProfile.of(withCredits(d, credits)),
                new DataReport.Options(1, 20)));
        assertThat(s.intro()).contains("1 of 4 movies").contains("first 5 billed");
        // movie 1: ratings 5, 4, 3
        assertThat(s.charts().get(0).data().rows()).containsExactly(
                List.of("1", "Ethan", "1", "3", "4.000"), List.of("2", "Joel", "1", "3", "4.000"));
        assertThat(s.charts().get(1).data().rows()).extracting(r -> r.get(1))
                .containsExactly("P0", "P1", "P2", "P3", "P4");
    }

    @Test
    void leftOutWithTheReasonWithoutCreditsOrLinks() throws Exception {
        Dataset d = data();
        Section none = section(DataReport.sections(DataProfile.of(d), DataReport.Options.DEFAULTS));
        assertThat(none.isLeftOut()).isTrue();
        assertThat(none.note()).contains("--tmdb FILE");
        Path credits = dir.resolve("other.csv");
        Files.writeString(credits, "tmdbId,director\n500,Carl\n");
        Section unmatched = section(DataReport.sections(DataProfile.of(withCredits(d, credits)),
                DataReport.Options.DEFAULTS));
        assertThat(unmatched.isLeftOut()).isTrue();
        assertThat(unmatched.note()).contains("no movie's TMDB id");
    }

    @Test
    void directorsAndStarsRenderInHeadlessChromium() throws Exception {
        Dataset d = data();
        Path credits = dir.resolve("tmdb.csv");
        Files.writeString(credits, "tmdbId,director,cast\n11,Ann,X|Y\n12,Ann,Y\n13,Bob,Z\n");
        Path out = Path.of("target", "reports", "data-tmdb.html");
        Files.createDirectories(out.getParent());
        String html = DataReport.html(withCredits(d, credits), new DataReport.Options(1, 20), "movierec test");
        Files.writeString(out, html, java.nio.charset.StandardCharsets.UTF_8);
        Offline.assertSelfContained(html);
        try (Browser b = Browser.start()) {
            b.open(out);
            assertThat(b.assertChartsRendered()).isGreaterThanOrEqualTo(2);
            for (String id : new String[] {"directors-stars", "chart-directors", "chart-stars"}) {
                assertThat(b.driver.findElement(org.openqa.selenium.By.id(id)).isDisplayed()).as(id).isTrue();
            }
            assertThat(b.consoleErrors()).isEmpty();
            b.screenshot(Path.of("target", "screenshots", "data-tmdb.png"));
        }
    }
}

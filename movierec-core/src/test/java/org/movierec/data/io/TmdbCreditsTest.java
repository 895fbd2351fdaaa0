package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;

class TmdbCreditsTest {
    @TempDir
    Path dir;

    Path write(String text) throws Exception {
        Path f = dir.resolve("tmdb.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsDirectorsAndCastInAnyColumnOrderWithQuotedNames() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("""
                title,cast,tmdbId,runtime,director
                Star Wars,Mark Hamill|Harrison Ford|Carrie Fisher,11,121,George Lucas
                "Sense and Sensibility","Emma Thompson|Kate Winslet",4584,136,Ang Lee

                Nobody,,99,90,
                Duo,"Sammy Davis, Jr.| Dean Martin ",7,100,"Lewis, Jerry"
                """));
        assertThat(c.director(11)).isEqualTo("George Lucas");
        assertThat(c.cast(11)).containsExactly("Mark Hamill", "Harrison Ford", "Carrie Fisher");
        assertThat(c.director(4584)).isEqualTo("Ang Lee");
        assertThat(c.cast(4584)).containsExactly("Emma Thompson", "Kate Winslet");
        assertThat(c.director(7)).isEqualTo("Lewis, Jerry");
        assertThat(c.cast(7)).containsExactly("Sammy Davis, Jr.", "Dean Martin");
        assertThat(c.director(99)).isNull();
        assertThat(c.cast(99)).isEmpty();
        assertThat(c.director(12345)).isNull();
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void badFilesNameTheFileLineAndReason() throws Exception {
        assertThatThrownBy(() -> TmdbCredits.read(write("id,director\n11,George Lucas\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("tmdb.csv")
                .hasMessageContaining("expected a tmdbId column");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,runtime\n11,121\n")))
                .hasMessageContaining("director and/or cast");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n11,A\n12,B\n11,C\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(":4")
                .hasMessageContaining("tmdbId 11 again, with other credits (first on line 2)");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\neleven,A\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(":2").hasMessageContaining("tmdbId");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n11,A,extra\n")))
                .hasMessageContaining("3 fields, but the header names 2");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n")))
                .hasMessageContaining("no movies");
        assertThatThrownBy(() -> TmdbCredits.read(write(""))).hasMessageContaining("empty file");
    }

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void movierecsCsvTakesSeveralDirectorsAndSkipsARowRepeatedExactly() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("""
                tmdbId,director,cast
                115,Joel Coen|Ethan Coen,Jeff Bridges|John Goodman
                115,Joel Coen|Ethan Coen,Jeff Bridges|John Goodman
                """));
        assertThat(c.directors(115)).containsExactly("Joel Coen", "Ethan Coen");
        assertThat(c.director(115)).isEqualTo("Joel Coen");
        assertThat(c.duplicatesSkipped()).isEqualTo(1);
        assertThat(c.directors(1)).isEmpty();
    }

    /** TMDB's /movie/{id}?append_to_response=credits and /movie/{id}/credits responses, one per line. */
    @Test
    void readsTmdbApiResponsesAsJsonLines() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("credits.jsonl", """
                {"id": 11, "title": "Star Wars", "runtime": 121, "credits": {"cast": [
                  {"name": "Harrison Ford", "character": "Han Solo", "order": 1},
                  {"name": "Mark Hamill", "character": "Luke Skywalker", "order": 0},
                  {"name": "Carrie Fisher", "order": 2}],
                  "crew": [{"name": "John Williams", "job": "Original Music Composer"},
                           {"name": "George Lucas", "job": "Director", "department": "Directing"},
                           {"name": "George Lucas", "job": "Writer"}]}}
                {"id": 115, "cast": [], "crew": [{"name": "Joel Coen", "job": "Director"},
                  {"name": "Ethan Coen", "job": "Director"}]}
                {"id": 7, "credits": {"cast": [{"name": "Nobody Famous", "order": null}]}}
                """));
        assertThat(c.cast(11)).containsExactly("Mark Hamill", "Harrison Ford", "Carrie Fisher");
        assertThat(c.directors(11)).containsExactly("George Lucas");
        assertThat(c.directors(115)).containsExactly("Joel Coen", "Ethan Coen");
        assertThat(c.cast(115)).isEmpty();
        assertThat(c.cast(7)).containsExactly("Nobody Famous");
        assertThat(c.directors(7)).isEmpty();
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void readsTmdbApiResponsesAsOneJsonArray() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("credits.json", """
                [ {"id": 11, "credits": {"cast": [{"name": "Mark Hamill", "order": 0}],
                                         "crew": [{"name": "George Lucas", "job": "Director"}]}},
                  {"id": 1891, "credits": {"cast": [], "crew": [{"name": "Irvin Kershner", "job": "Director"}]}} ]
                """));
        assertThat(c.directors(1891)).containsExactly("Irvin Kershner");
        assertThat(c.cast(11)).containsExactly("Mark Hamill");
    }

    /** Kaggle's tmdb_5000_credits.csv: movie_id,title,cast,crew with JSON lists quoted as CSV fields. */
    @Test
    void readsKaggleTmdb5000CreditsWithJsonLists() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("tmdb_5000_credits.csv", """
                movie_id,title,cast,crew
                19995,Avatar,"[{""cast_id"": 242, ""character"": ""Jake Sully"", ""gender"": 2, ""id"": 65731, \
                ""name"": ""Sam Worthington"", ""order"": 0}, {""cast_id"": 3, ""character"": ""Neytiri"", \
                ""name"": ""Zoe Saldana"", ""order"": 1}]","[{""department"": ""Directing"", ""job"": ""Director"", \
                ""name"": ""James Cameron""}, {""job"": ""Editor"", ""name"": ""Stephen E. Rivkin""}]"
                9999,"Title, With Comma",[],[]
                """));
        assertThat(c.cast(19995)).containsExactly("Sam Worthington", "Zoe Saldana");
        assertThat(c.directors(19995)).containsExactly("James Cameron");
        assertThat(c.cast(9999)).isEmpty();
        assertThat(c.size()).isEqualTo(1);
    }

    /**
     * A quoted field may hold line breaks (RFC 4180; Kaggle's TMDB files have them in overviews and
     * character names): the record takes in the next lines, keeps the breaks, and errors after it name
     * the right line.
     */
    @Test
    void quotedFieldsSpanLinesAndLaterErrorsNameTheirOwnLine() throws Exception {
        for (String nl : new String[] {"\n", "\r\n"}) {
            String text = String.join(nl, "movie_id,overview,cast,crew",
                    "1,\"A farm boy.", "", "He joins the rebels.\",\"[{\"\"name\"\": \"\"Mark Hamill\"\", \"\"character\"\": "
                            + "\"\"Luke", "Skywalker\"\", \"\"order\"\": 0}]\",\"[{\"\"job\"\": \"\"Director\"\", "
                            + "\"\"name\"\": \"\"George Lucas\"\"}]\"",
                    "2,plain,[],[]", "three,x,[],[]", "");
            Path f = write("credits.csv", text);
            assertThatThrownBy(() -> TmdbCredits.read(f)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("credits.csv:7:").hasMessageContaining("tmdbId");
            TmdbCredits c = TmdbCredits.read(write("credits.csv", text.replace("three,x,[],[]" + nl, "")));
            assertThat(c.cast(1)).containsExactly("Mark Hamill");
            assertThat(c.directors(1)).containsExactly("George Lucas");
            assertThat(c.size()).isEqualTo(1);
        }
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv", "movie_id,overview,cast,crew\n1,x,[],[]\n"
                + "2,\"never closed\n,[],[]\n3,x,[],[]\n"))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("credits.csv:3:").hasMessageContaining("unterminated quoted field 2");
    }

    /** A record spanning lines across the reader's 1 MiB buffer, and one still open after 16 MiB. */
    @Test
    void aLongSpanningRecordCrossesTheBufferAndAnUnclosedQuoteStopsAtTheCap() throws Exception {
        StringBuilder sb = new StringBuilder("movie_id,overview,cast,crew\n");
        sb.append("1,\"");
        for (int i = 0; i < 80_000; i++) {
            sb.append("line ").append(i).append(" of a long overview\n");
        }
        sb.append("\",\"[{'name': 'Tom Hanks', 'order': 0}]\",[]\n2,x,[],[]\n");
        assertThat(sb.length()).isGreaterThan(2 << 20);
        TmdbCredits c = TmdbCredits.read(write("long.csv", sb.toString()));
        assertThat(c.cast(1)).containsExactly("Tom Hanks");

        StringBuilder open = new StringBuilder("movie_id,overview,cast,crew\n1,x,[],[]\n2,\"");
        String filler = "x".repeat(99) + "\n";
        while (open.length() < LineSource.MAX_RECORD_BYTES + (1 << 20)) {
            open.append(filler);
        }
        assertThatThrownBy(() -> TmdbCredits.read(write("open.csv", open.toString())))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("open.csv:3:")
                .hasMessageContaining("quoted field 2 is still open after 16 MiB");
    }

    /** Kaggle's "The Movies Dataset" credits.csv: cast,crew,id with Python literal lists, repeated rows. */
    @Test
    void readsTheMoviesDatasetCreditsWithPythonLiterals() throws Exception {
        String row = "\"[{'cast_id': 14, 'character': 'Woody (voice)', 'gender': 2, 'id': 31, 'name': 'Tom Hanks', "
                + "'order': 0, 'profile_path': '/p.jpg'}, {'cast_id': 15, 'character': \"\"Buzz 'Lightyear'\"\", "
                + "'name': 'Tim Allen', 'order': 1, 'profile_path': None}, {'name': 'Jos\\xe9 \\'Pepe\\' "
                + "Ru\u00edz', 'order': 2, 'adult': False}]\",\"[{'credit_id': '52fe', 'department': 'Directing', "
                + "'gender': 2, 'id': 7879, 'job': 'Director', 'name': 'John Lasseter', 'profile_path': None}, "
                + "{'job': 'Screenplay', 'name': \"\"Joss Whedon\"\"}]\",862\n";
        TmdbCredits c = TmdbCredits.read(write("credits.csv", "cast,crew,id\n" + row + "[],[],8844\n" + row));
        assertThat(c.cast(862)).containsExactly("Tom Hanks", "Tim Allen", "Jos\u00e9 'Pepe' Ru\u00edz");
        assertThat(c.directors(862)).containsExactly("John Lasseter");
        assertThat(c.duplicatesSkipped()).isEqualTo(1);
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void badTmdbListsNameTheFileLineAndReason() throws Exception {
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv", "cast,crew,id\n[],[],1\n\"[{'name': 'A'\",[],2\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("credits.csv:3")
                .hasMessageContaining("the cast field is not a JSON or Python list");
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv", "cast,crew,id\n\"[{'order': 0}]\",[],2\n")))
                .hasMessageContaining("credits.csv:2").hasMessageContaining("cast entry 1 has no name");
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv", "cast,crew,id\n\"{'a': 1}\",[],2\n")))
                .hasMessageContaining("the cast field is not a list");
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv", "cast,crew,id\n[],[],two\n")))
                .hasMessageContaining("credits.csv:2").hasMessageContaining("tmdbId");
        assertThatThrownBy(() -> TmdbCredits.read(write("credits.csv",
                "cast,crew,id\n[],[],2\n\"[{'name': 'B', 'order': 0}]\",[],2\n")))
                .hasMessageContaining("credits.csv:3").hasMessageContaining("tmdbId 2 again, with other credits");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.jsonl", "{\"id\": 1, \"cast\": []}\n{\"id\": 2, \"cast\": [}\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("c.jsonl:2")
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.jsonl", "{\"id\": 1, \"cast\": []}\n\n{\"title\": \"X\"}\n")))
                .hasMessageContaining("c.jsonl:3").hasMessageContaining("no whole-number id");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.jsonl", "{\"id\": 5, \"title\": \"X\"}\n")))
                .hasMessageContaining("movie 5 has no cast or crew list");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.json", "[{\"id\": 5, \"cast\": []}, 7]")))
                .hasMessageContaining("expected a JSON object per movie");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.json", "[]"))).hasMessageContaining("no movies");
        assertThatThrownBy(() -> TmdbCredits.read(write("c.jsonl",
                "{\"id\": 5, \"crew\": [{\"job\": \"Director\", \"name\": \"\"}]}\n")))
                .hasMessageContaining("crew entry 1 has no name");
    }

    @Test
    void joinsThroughLinksAndTheCatalogueKeepsItsCreditsWhenItsIdsChange() throws Exception {
        Path data = Files.createDirectories(dir.resolve("latest"));
        Files.writeString(data.resolve("movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Drama\n"
                + "3,C (1992),Drama\n");
        Files.writeString(data.resolve("links.csv"), "movieId,imdbId,tmdbId\n1,0000001,11\n2,0000002,\n3,0000003,13\n");
        Files.writeString(data.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n1,2,3.0,2\n"
                + "2,3,4.0,3\n");
        org.movierec.data.Dataset d = DatasetReader.read(data);
        assertThat(d.movies().hasCredits()).isFalse();
        assertThat(d.movies().directors(0)).isEmpty();
        org.movierec.data.Movies m = TmdbCredits.read(write("tmdbId,director,cast\n11,Ann,X|Y\n99,Bob,Z\n"))
                .join(d.movies());
        assertThat(m.hasCredits()).isTrue();
        int a = m.ids().indexOf(1);
        assertThat(m.directors(a)).containsExactly("Ann");
        assertThat(m.cast(a)).containsExactly("X", "Y");
        assertThat(m.directors(m.ids().indexOf(2))).isEmpty(); // no TMDB id
        assertThat(m.cast(m.ids().indexOf(3))).isEmpty(); // TMDB id not in the credits
        org.movierec.data.Movies renamed = m.withIds(m.ids()).withTexts(new String[m.size()]);
        assertThat(renamed.directors(a)).containsExactly("Ann");
        assertThat(d.withMovies(m).movies().cast(a)).containsExactly("X", "Y");
        Path noLinks = Files.createDirectories(dir.resolve("nolinks"));
        Files.writeString(noLinks.resolve("movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n");
        Files.writeString(noLinks.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n");
        TmdbCredits c = TmdbCredits.read(write("tmdbId,director\n11,Ann\n"));
        org.movierec.data.Movies plain = DatasetReader.read(noLinks).movies();
        assertThatThrownBy(() -> c.join(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no links.csv");
    }
}

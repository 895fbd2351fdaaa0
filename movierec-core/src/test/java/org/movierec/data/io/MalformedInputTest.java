package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;

/**
 * Every kind of bad input gives one {@link DataFormatException} naming the file, the line and the
 * reason. Fixtures are small valid datasets written here, with one defect each.
 */
class MalformedInputTest {
    @TempDir
    Path dir;

    static final String MOVIES_CSV = "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n2,Heat (1995),Action\n";
    static final String RATINGS_CSV = "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,3.5,101\n2,1,5.0,102\n";

    private void csv(String movies, String ratings) throws IOException {
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
    }

    private void ml100k(String data) throws IOException {
        Files.writeString(dir.resolve("u.genre"), "Action|0\nComedy|1\n\n");
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n"
                + "2|Heat (1995)|01-Jan-1995||http://x|1|0\n");
        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n");
        Files.writeString(dir.resolve("u.data"), data);
    }

    private void ml1m(String ratings) throws IOException {
        Files.writeString(dir.resolve("movies.dat"), "1::Toy Story (1995)::Animation|Comedy\n2::Heat (1995)::Action\n");
        Files.writeString(dir.resolve("users.dat"), "1::F::1::10::48067\n2::M::56::16::70072\n");
        Files.writeString(dir.resolve("ratings.dat"), ratings);
    }

    private DataFormatException fails() {
        return assertThrows(DataFormatException.class, () -> DatasetReader.read(dir));
    }

    private static void assertError(DataFormatException e, String file, long line, String reason) {
        assertThat(e.file().getFileName().toString()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).contains(file).contains(reason);
        if (line > 0) {
            assertThat(e.getMessage()).contains(file + ":" + line + ":");
        }
    }

    @Test
    void validFixturesLoad() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV);
        Dataset d = DatasetReader.read(dir);
        assertThat(d.interactions().size()).isEqualTo(3);
    }

    @Test
    void malformedLineUnterminatedQuote() throws IOException {
        csv(MOVIES_CSV + "3,\"Broken, The (1999),Drama\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 4, "unterminated quoted field");
    }

    /** RFC 4180: a quoted title may hold a line break; the lines after it keep their numbers in errors. */
    @Test
    void aQuotedTitleSpansLinesAndLaterLinesKeepTheirNumbers() throws IOException {
        String movies = "movieId,title,genres\n1,\"Toy Story\r\n(1995)\",Animation|Comedy\n2,Heat (1995),Action\n";
        csv(movies, RATINGS_CSV);
        Dataset d = DatasetReader.read(dir);
        assertThat(d.movies().title(d.movies().ids().indexOf(1))).isEqualTo("Toy Story\r\n(1995)");
        assertThat(d.movies().size()).isEqualTo(2);
        csv(movies + "x,Bad (1999),Drama\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 5, "non-numeric movie id");
    }

    @Test
    void malformedLineQuoteInsideUnquotedField() throws IOException {
        csv(MOVIES_CSV + "3,Say \"Hi\" (1999),Drama\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 4, "quote inside unquoted field");
    }

    @Test
    void missingColumn() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "2,2,4.0\n");
        assertError(fails(), "ratings.csv", 5, "missing column: expected 4 fields");
    }

    @Test
    void extraColumn() throws IOException {
        ml100k("1\t1\t4\t881250949\n2\t2\t3\t881250950\t7\n");
        assertError(fails(), "u.data", 2, "extra column: expected 4 fields");
    }

    @Test
    void ratingOutOfRange() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "2,2,5.5,103\n");
        assertError(fails(), "ratings.csv", 5, "rating 5.5 is outside 0.5..5");
    }

    @Test
    void ratingZeroOutOfRangeForWholeStars() throws IOException {
        ml100k("1\t1\t0\t881250949\n");
        assertError(fails(), "u.data", 1, "rating 0 is outside 1..5");
    }

    @Test
    void ratingOffTheHalfStarGrid() throws IOException {
        csv(MOVIES_CSV, "userId,movieId,rating,timestamp\n1,1,3.25,100\n");
        assertError(fails(), "ratings.csv", 2, "off its grid of step 0.5");
    }

    @Test
    void halfStarInWholeStarDataset() throws IOException {
        ml1m("1::1::4::978300760\n1::2::3.5::978302109\n");
        assertError(fails(), "ratings.dat", 2, "off its grid of step 1");
    }

    @Test
    void nonNumericId() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "x7,1,4.0,103\n");
        assertError(fails(), "ratings.csv", 5, "non-numeric user id 'x7'");
    }

    @Test
    void nonNumericMovieIdInMovieFile() throws IOException {
        csv(MOVIES_CSV + "3a,Other (2000),Drama\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 4, "non-numeric movie id '3a'");
    }

    @Test
    void ratingForUnknownMovie() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "2,99,4.0,103\n");
        assertError(fails(), "ratings.csv", 5, "rating for movie 99, which is not in movies.csv");
    }

    @Test
    void ratingByUnknownUser() throws IOException {
        ml1m("1::1::4::978300760\n3::2::3::978302109\n");
        assertError(fails(), "ratings.dat", 2, "rating by user 3, who is not in users.dat");
    }

    @Test
    void duplicatePairIsAnErrorNamingBothLines() throws IOException {
        // Line 1 header, lines 2-4 the valid ratings, line 5 blank (skipped), line 6 repeats (1, 2) of line 3.
        csv(MOVIES_CSV, RATINGS_CSV + "\n1,2,1.0,50\n");
        DataFormatException e = fails();
        assertError(e, "ratings.csv", 6, "duplicate rating for the same user and movie as line 3");
    }

    @Test
    void duplicatePairWithLastPolicyKeepsTheLaterLine() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "1,2,1.0,50\n");
        Dataset d = DatasetReader.read(dir, ReadOptions.DEFAULTS.withOnDuplicate(ReadOptions.OnDuplicate.LAST));
        assertThat(d.interactions().size()).isEqualTo(3);
        int u = d.users().ids().indexOf(1);
        int m = d.movies().ids().indexOf(2);
        boolean found = false;
        for (int p = d.interactions().userStart(u); p < d.interactions().userEnd(u); p++) {
            if (d.interactions().item(p) == m) {
                assertThat(d.interactions().rating(p)).isEqualTo(1.0f);
                assertThat(d.interactions().timestamp(p)).isEqualTo(50L);
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void undecodableBytesInUtf8File() throws IOException {
        byte[] movies = (MOVIES_CSV + "3,Caf\u00e9 (2001),Drama\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), RATINGS_CSV);
        DataFormatException e = fails();
        assertError(e, "movies.csv", 4, "are not valid UTF-8");
        assertThat(e.reason()).contains("title");
    }

    @Test
    void nonAsciiByteInRatingsIsReportedAsNonNumeric() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), MOVIES_CSV);
        Files.write(dir.resolve("ratings.csv"), (RATINGS_CSV + "2,2,\u00bd,5\n").getBytes(StandardCharsets.UTF_8));
        assertError(fails(), "ratings.csv", 5, "non-numeric rating");
    }

    @Test
    void emptyRatingsFile() throws IOException {
        csv(MOVIES_CSV, "userId,movieId,rating,timestamp\n");
        assertError(fails(), "ratings.csv", 0, "empty file");
    }

    @Test
    void emptyFileWithoutHeader() throws IOException {
        csv(MOVIES_CSV, "");
        assertError(fails(), "ratings.csv", 0, "empty file");
    }

    @Test
    void emptyUData() throws IOException {
        ml100k("");
        assertError(fails(), "u.data", 0, "empty file");
    }

    @Test
    void missingRequiredFile() throws IOException {
        Files.writeString(dir.resolve("ratings.csv"), RATINGS_CSV);
        assertError(fails(), "movies.csv", 0, "missing required file");
    }

    @Test
    void missingUsersFileOfMl100k() throws IOException {
        ml100k("1\t1\t4\t881250949\n");
        Files.delete(dir.resolve("u.user"));
        assertError(fails(), "u.user", 0, "missing required file");
    }

    @Test
    void badHeader() throws IOException {
        csv(MOVIES_CSV, "user,movie,rating,timestamp\n1,1,4.0,100\n");
        assertError(fails(), "ratings.csv", 1, "bad header: expected 'userId,movieId,rating,timestamp'");
    }

    @Test
    void badHeaderWithoutDataIsStillABadHeader() throws IOException {
        csv(MOVIES_CSV, "userId;movieId;rating;timestamp\n");
        assertError(fails(), "ratings.csv", 1, "bad header");
    }

    @Test
    void badHeaderOfMoviesFile() throws IOException {
        csv("id,title,genres\n1,A (2000),Drama\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 1, "bad header: expected 'movieId,title,genres', found 'id,title,genres'");
    }

    @Test
    void unknownFormatListsWhatWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        DataFormatException e = fails();
        assertThat(e.file()).isEqualTo(dir);
        assertThat(e.line()).isZero();
        assertThat(e.reason()).contains("unknown dataset format").contains("u.data").contains("ratings.dat")
                .contains("ratings.csv");
    }

    @Test
    void ratingsDatWithoutUsersOrTagsFile() throws IOException {
        Files.writeString(dir.resolve("ratings.dat"), "1::1::4::978300760\n");
        Files.writeString(dir.resolve("movies.dat"), "1::Toy Story (1995)::Animation\n");
        assertError(fails(), "users.dat", 0, "needs users.dat (ML-1M) or tags.dat (ML-10M)");
    }

    @Test
    void badGenreFlag() throws IOException {
        ml100k("1\t1\t4\t881250949\n");
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n"
                + "2|Heat (1995)|01-Jan-1995||http://x|1|2\n");
        assertError(fails(), "u.item", 2, "genre flag for 'Comedy' must be 0 or 1");
    }

    @Test
    void badReleaseDate() throws IOException {
        for (String date : new String[] {"32-Jan-1995", "1995", "01-Foo-1995", "29-Feb-1995"}) {
            ml100k("1\t1\t4\t881250949\n");
            Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n"
                    + "2|Heat (1995)|" + date + "||http://x|1|0\n");
            assertError(fails(), "u.item", 2, "release date '" + date + "' is not a d-Mon-yyyy date");
        }
    }

    @Test
    void badAgeCodeInMl1m() throws IOException {
        ml1m("1::1::4::978300760\n");
        Files.writeString(dir.resolve("users.dat"), "1::F::1::10::48067\n2::M::33::16::70072\n");
        assertError(fails(), "users.dat", 2, "age code 33 is not one of");
    }

    @Test
    void badGender() throws IOException {
        ml100k("1\t1\t4\t881250949\n");
        Files.writeString(dir.resolve("u.user"), "1|24|X|technician|85711\n");
        assertError(fails(), "u.user", 1, "gender must be M or F");
    }

    @Test
    void duplicateMovieId() throws IOException {
        csv(MOVIES_CSV + "2,Heat again (1995),Action\n", RATINGS_CSV);
        assertError(fails(), "movies.csv", 4, "duplicate movie id 2 (first on line 3)");
    }

    @Test
    void tagForUnknownMovie() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV);
        Files.writeString(dir.resolve("tags.csv"), "userId,movieId,tag,timestamp\n5,1,funny,1\n5,77,sad,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetReader.readTags(dir));
        assertError(e, "tags.csv", 3, "tag for movie 77, which is not in movies.csv");
    }

    @Test
    void splitFileReadWithReadRatingsIsChecked() throws IOException {
        Path split = dir.resolve("u1.test");
        Files.writeString(split, "1\t1\t4\t881250949\n1\t9\t4\t881250949\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> MovieLens100kReader.readRatings(split, IdIndex.of(1, 2), IdIndex.of(1, 2)));
        assertError(e, "u1.test", 2, "rating for movie 9, which is not in");
    }

    @Test
    void timestampOverflow() throws IOException {
        csv(MOVIES_CSV, RATINGS_CSV + "2,2,4.0,99999999999999999999\n");
        assertError(fails(), "ratings.csv", 5, "timestamp '99999999999999999999' is too large");
    }
}

package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Movies;
import org.movierec.data.Users;
import org.movierec.data.synth.SyntheticGenerator;

/** Synthetic dataset -> write -> read gives the same ratings, movies and users, in every format. */
class WriterRoundTripTest {
    @TempDir
    Path dir;

    private static Dataset synth(boolean halfStars) {
        return SyntheticGenerator.generate(SyntheticGenerator.Config.of(60, 45, 900, 7).withHalfStars(halfStars));
    }

    private static void assertSameMovies(Movies a, Movies b) {
        assertThat(b.ids().externalIds()).containsExactly(a.ids().externalIds());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.title(i)).isEqualTo(a.title(i));
            assertThat(b.year(i)).isEqualTo(a.year(i));
            assertThat(new HashSet<>(b.genreNames(i))).isEqualTo(new HashSet<>(a.genreNames(i)));
        }
    }

    @Test
    void ml100kRoundTrip() throws IOException {
        Dataset d = synth(false);
        List<Path> files = MovieLensWriter.write(d, MovieLensWriter.Format.ML_100K, dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("u.data", "u.item", "u.user", "u.genre", "u.occupation");
        Dataset r = DatasetReader.read(dir);
        assertThat(r.fingerprint()).isEqualTo(d.fingerprint());
        assertThat(r.interactions().size()).isEqualTo(d.interactions().size());
        assertSameMovies(d.movies(), r.movies());
        assertThat(r.movies().genreVocabulary()).isEqualTo(d.movies().genreVocabulary());
        Users a = d.users();
        Users b = r.users();
        assertThat(b.occupationVocabulary()).isEqualTo(a.occupationVocabulary());
        for (int u = 0; u < a.size(); u++) {
            assertThat(b.ids().externalId(u)).isEqualTo(a.ids().externalId(u));
            assertThat(b.age(u)).isEqualTo(a.age(u));
            assertThat(b.gender(u)).isEqualTo(a.gender(u));
            assertThat(b.occupationName(u)).isEqualTo(a.occupationName(u));
            assertThat(b.zip(u)).isEqualTo(a.zip(u));
        }
        assertNoTempFiles();
    }

    @Test
    void ml1mRoundTripMapsAgesAndOccupationsToCodes() throws IOException {
        Dataset d = synth(false);
        MovieLensWriter.write(d, MovieLensWriter.Format.ML_1M, dir);
        Dataset r = DatasetReader.read(dir);
        assertThat(r.name()).isEqualTo("ml-1m");
        assertThat(r.fingerprint()).isEqualTo(d.fingerprint());
        assertSameMovies(d.movies(), r.movies());
        Users a = d.users();
        Users b = r.users();
        for (int u = 0; u < a.size(); u++) {
            int age = a.age(u);
            int code = age < 18 ? 1 : age < 25 ? 18 : age < 35 ? 25 : age < 45 ? 35 : age < 50 ? 45 : age < 56 ? 50 : 56;
            assertThat(b.age(u)).isEqualTo(code);
            assertThat(b.gender(u)).isEqualTo(a.gender(u));
            assertThat(b.zip(u)).isEqualTo(a.zip(u));
        }
        // Spot checks of the occupation mapping (synthetic occupations use the ML-100k names).
        assertThat(MovieLensWriter.occupationCode("student")).isEqualTo(4);
        assertThat(MovieLensWriter.occupationCode("programmer")).isEqualTo(12);
        assertThat(MovieLensWriter.occupationCode("K-12 student")).isEqualTo(10);
        assertThat(MovieLensWriter.occupationCode("astronaut")).isZero();
        for (int u = 0; u < a.size(); u++) {
            assertThat(b.occupation(u)).isEqualTo(MovieLensWriter.occupationCode(a.occupationName(u)));
        }
        // Writing the ML-1M dataset again is the identity: codes map to themselves.
        Path again = dir.resolve("again");
        MovieLensWriter.write(r, MovieLensWriter.Format.ML_1M, again);
        assertThat(Files.readAllBytes(again.resolve("users.dat"))).isEqualTo(Files.readAllBytes(dir.resolve("users.dat")));
    }

    @Test
    void csvRoundTripWithHalfStarsQuotingAndLinks() throws IOException {
        Dataset s = synth(true);
        Movies sm = s.movies();
        int n = sm.size();
        String[] titles = new String[n];
        int[] years = new int[n];
        long[] genres = new long[n];
        int[] imdb = new int[n];
        int[] tmdb = new int[n];
        for (int i = 0; i < n; i++) {
            titles[i] = sm.title(i);
            years[i] = sm.year(i);
            genres[i] = sm.genreBits(i);
            imdb[i] = i % 3 == 0 ? -1 : 100_000 + i;
            tmdb[i] = i % 4 == 0 ? -1 : 800 + i;
        }
        titles[0] = "American President, The (1995)";
        years[0] = 1995;
        titles[1] = "Dracula: \"Dead\" and Loving It (1995)";
        years[1] = 1995;
        titles[2] = "Am\u00e9lie (2001)";
        years[2] = 2001;
        genres[3] = 0;
        Movies movies = new Movies(sm.ids(), titles, years, genres, sm.genreVocabulary(), imdb, tmdb);
        Dataset d = new Dataset("x", s.users(), movies, s.interactions(), s.ratingScale());
        Path out = dir.resolve("my-csv");
        MovieLensWriter.write(d, MovieLensWriter.Format.CSV, out);
        assertThat(Files.readString(out.resolve("movies.csv"), StandardCharsets.UTF_8))
                .contains("1,\"American President, The (1995)\",")
                .contains("2,\"Dracula: \"\"Dead\"\" and Loving It (1995)\",")
                .contains(",(no genres listed)\n");
        Dataset r = DatasetReader.read(out);
        assertThat(r.name()).isEqualTo("my-csv");
        assertThat(r.fingerprint()).isEqualTo(d.fingerprint());
        assertSameMovies(d.movies(), r.movies());
        for (int i = 0; i < n; i++) {
            assertThat(r.movies().imdbId(i)).isEqualTo(imdb[i]);
            assertThat(r.movies().tmdbId(i)).isEqualTo(tmdb[i]);
        }
        // Half stars really occur, so the round trip exercises the ".5" formatting.
        boolean half = false;
        for (float x : d.interactions().ratingsArray()) {
            half |= x != Math.rint(x);
        }
        assertThat(half).isTrue();
    }

    @Test
    void halfStarsCannotBeWrittenAsMl100kAndNothingIsLeftBehind() throws IOException {
        Dataset d = synth(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MovieLensWriter.write(d, MovieLensWriter.Format.ML_100K, dir));
        assertThat(e.getMessage()).contains("whole stars").contains("CSV");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void failedWriteKeepsThePreviousFile() throws IOException {
        Dataset d = synth(false);
        MovieLensWriter.write(d, MovieLensWriter.Format.ML_1M, dir);
        byte[] before = Files.readAllBytes(dir.resolve("movies.dat"));
        Movies sm = d.movies();
        String[] titles = new String[sm.size()];
        for (int i = 0; i < titles.length; i++) {
            titles[i] = sm.title(i);
        }
        titles[titles.length - 1] = "\u6f22\u5b57 (2000)"; // not ISO-8859-1: fails on the last movie
        Movies bad = new Movies(sm.ids(), titles, new int[titles.length], new long[titles.length],
                sm.genreVocabulary(), null, null);
        Dataset badD = new Dataset("bad", d.users(), bad, d.interactions(), d.ratingScale());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MovieLensWriter.write(badD, MovieLensWriter.Format.ML_1M, dir));
        assertThat(e.getMessage()).contains("ISO-8859-1").contains("\u6f22\u5b57");
        assertThat(Files.readAllBytes(dir.resolve("movies.dat"))).isEqualTo(before);
        assertNoTempFiles();
    }

    @Test
    void withoutDemographicsOnlyCsvIsPossible() throws IOException {
        Dataset s = synth(false);
        Dataset d = new Dataset("plain", Users.withoutDemographics(IdIndex.sequential(s.numUsers())), s.movies(),
                s.interactions(), s.ratingScale());
        assertThrows(IllegalArgumentException.class, () -> MovieLensWriter.write(d, MovieLensWriter.Format.ML_1M, dir));
        MovieLensWriter.write(d, MovieLensWriter.Format.CSV, dir);
        assertThat(DatasetReader.read(dir).fingerprint()).isEqualTo(d.fingerprint());
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }
}

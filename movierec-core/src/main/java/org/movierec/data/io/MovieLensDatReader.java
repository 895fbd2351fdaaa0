package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Reads the {@code ::}-separated MovieLens releases.
 *
 * <p>ML-1M: {@code ratings.dat} (UserID::MovieID::Rating::Timestamp, whole stars 1..5),
 * {@code movies.dat} (MovieID::Title::Genres with genres {@code A|B|C}) and {@code users.dat}
 * (UserID::Gender::Age::Occupation::Zip-code, where Age is a bucket code 1, 18, 25, 35, 45, 50, 56 and
 * Occupation a code 0..20 whose names, from the ML-1M README, become the occupation vocabulary).
 * Text is ISO-8859-1 (its movies.dat has Latin-1 accented titles).
 *
 * <p>ML-10M ({@code ml-10M100K}): {@code ratings.dat} with half stars 0.5..5, {@code movies.dat},
 * {@code tags.dat} (UserID::MovieID::Tag::Timestamp), no users file: the users are the distinct user
 * ids of the ratings in increasing order. Its movies.dat and tags.dat are read as UTF-8, strictly: a
 * byte sequence that is not UTF-8 is reported with its line rather than replaced (if a copy turns out
 * to be Latin-1 the error says so at once, instead of loading mangled titles).
 *
 * <p>A title (or tag) containing {@code ::} is kept whole: the first and last fields are split off
 * and the rest is the title.
 */
final class MovieLensDatReader {
    /** ML-1M occupation codes 0..20, named as in its README. */
    static final List<String> ML1M_OCCUPATIONS = List.of("other or not specified", "academic/educator", "artist",
            "clerical/admin", "college/grad student", "customer service", "doctor/health care",
            "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer", "retired",
            "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
            "unemployed", "writer");
    /** ML-1M age bucket codes (the lower bound of each bucket; 1 means under 18). */
    static final int[] ML1M_AGES = {1, 18, 25, 35, 45, 50, 56};

    private MovieLensDatReader() {
    }

    static Dataset read1m(Path dir, ReadOptions options) throws IOException {
        requireFiles(dir, "ratings.dat", "movies.dat", "users.dat");
        Movies movies = readMovies(dir.resolve("movies.dat"), StandardCharsets.ISO_8859_1);
        Users users = readUsers(dir.resolve("users.dat"));
        Interactions in = RatingsFile.read(dir.resolve("ratings.dat"), RatingsFile.Layout.DOUBLE_COLON, null,
                users.ids(), "users.dat", movies.ids(), "movies.dat", RatingScale.WHOLE_STARS, options).interactions();
        return new Dataset("ml-1m", users, movies, in, RatingScale.WHOLE_STARS);
    }

    static Dataset read10m(Path dir, ReadOptions options) throws IOException {
        requireFiles(dir, "ratings.dat", "movies.dat");
        Movies movies = readMovies(dir.resolve("movies.dat"), StandardCharsets.UTF_8);
        RatingsFile.Result r = RatingsFile.read(dir.resolve("ratings.dat"), RatingsFile.Layout.DOUBLE_COLON, null,
                null, "ratings.dat", movies.ids(), "movies.dat", RatingScale.HALF_STARS, options);
        return new Dataset("ml-10m", Users.withoutDemographics(r.users()), movies, r.interactions(),
                RatingScale.HALF_STARS);
    }

    static void requireFiles(Path dir, String... names) {
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new DataFormatException(dir.resolve(name), 0, "missing required file");
            }
        }
    }

    static Movies readMovies(Path file, Charset charset) throws IOException {
        MovieTable t = new MovieTable(List.of());
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, charset);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitDoubleColon();
                if (f.count() < 3) {
                    f.expect(3, "MovieID::Title::Genres");
                }
                int id = f.intAt(0, "movie id");
                String title = f.span(1, f.count() - 2, "title").strip();
                String genres = f.stringAt(f.count() - 1, "genres");
                t.add(f, id, title, MovieTable.yearFromTitle(title), t.genreBits(f, genres));
            }
        }
        if (t.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no movies");
        }
        return t.build();
    }

    static Users readUsers(Path file) throws IOException {
        UserTable t = new UserTable(ML1M_OCCUPATIONS);
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitDoubleColon().expect(5, "UserID::Gender::Age::Occupation::Zip-code");
                int id = f.intAt(0, "user id");
                byte gender = UserTable.gender(f, 1);
                int age = f.intAt(2, "age code");
                if (java.util.Arrays.binarySearch(ML1M_AGES, age) < 0) {
                    throw f.error("age code " + age + " is not one of 1, 18, 25, 35, 45, 50, 56");
                }
                int occ = f.intAt(3, "occupation code");
                if (occ >= ML1M_OCCUPATIONS.size()) {
                    throw f.error("occupation code " + occ + " is not in 0..20");
                }
                t.add(f, id, age, gender, occ, f.stringAt(4, "zip code"));
            }
        }
        if (t.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no users");
        }
        return t.build();
    }

    /** ML-10M tags.dat, validated against the movies of movies.dat. */
    static Tags readTags(Path file, Movies movies) throws IOException {
        Tags.Builder b = new Tags.Builder();
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitDoubleColon();
                if (f.count() < 4) {
                    f.expect(4, "UserID::MovieID::Tag::Timestamp");
                }
                int user = f.intAt(0, "user id");
                int movie = f.intAt(1, "movie id");
                if (movies.ids().indexOf(movie) < 0) {
                    throw f.error("tag for movie " + movie + ", which is not in movies.dat");
                }
                String tag = f.span(2, f.count() - 2, "tag");
                b.add(user, movie, tag, f.longAt(f.count() - 1, "timestamp"));
            }
        }
        if (b.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no tags");
        }
        return b.build();
    }
}

package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Reads ML-100k, all files ISO-8859-1:
 * <ul>
 * <li>{@code u.genre} (required): the genre vocabulary, {@code name|index} with indices 0, 1, 2, ...;</li>
 * <li>{@code u.occupation} (optional): the occupation vocabulary, one name per line; without it the
 *     vocabulary is the occupations of {@code u.user} in first-seen order;</li>
 * <li>{@code u.item} (required): {@code id|title|release date|video date|URL|flag...} with one 0/1
 *     flag per genre. The year comes from a trailing "(1995)" in the title, else from the release
 *     date ({@code 01-Jan-1995}), else 0;</li>
 * <li>{@code u.user} (required): {@code id|age|gender|occupation|zip}, age in years;</li>
 * <li>{@code u.data} (required): {@code user TAB movie TAB rating TAB timestamp}, whole stars 1..5.</li>
 * </ul>
 */
public final class MovieLens100kReader {
    static final String[] REQUIRED = {"u.data", "u.item", "u.user", "u.genre"};

    private MovieLens100kReader() {
    }

    /**
     * Reads an ML-100k directory with the default options.
     *
     * @param dir the directory holding {@code u.data}, {@code u.item}, {@code u.user} and {@code u.genre}
     * @return the dataset, named {@code ml-100k}, on whole stars 1..5
     * @throws IOException         when a file cannot be read
     * @throws DataFormatException naming the file, line and reason (a missing required file included)
     */
    public static Dataset read(Path dir) throws IOException {
        return read(dir, ReadOptions.DEFAULTS);
    }

    /**
     * Reads an ML-100k directory.
     *
     * @param dir     the directory holding {@code u.data}, {@code u.item}, {@code u.user} and {@code u.genre}
     * @param options the duplicate policy and a progress listener
     * @return the dataset, named {@code ml-100k}, on whole stars 1..5
     * @throws IOException         when a file cannot be read
     * @throws DataFormatException naming the file, line and reason (a missing required file included)
     */
    public static Dataset read(Path dir, ReadOptions options) throws IOException {
        Dataset catalogue = readCatalogue(dir);
        Interactions in = RatingsFile.read(dir.resolve("u.data"), RatingsFile.Layout.TAB, null,
                catalogue.users().ids(), "u.user", catalogue.movies().ids(), "u.item", RatingScale.WHOLE_STARS,
                options).interactions();
        return catalogue.withInteractions("ml-100k", in);
    }

    /**
     * The dataset's users and movies (with genres and demographics) and no ratings: what a
     * predefined split ({@code u1.base}/{@code u1.test}, see {@code split.PredefinedSplit}) is read
     * over, so that a command working on one of those folds does not parse {@code u.data} as well.
     * The same required files must be present as for {@link #read(Path)}.
     *
     * @param dir the ML-100k directory
     * @return the dataset named "ml-100k" with its users and movies and no interactions
     * @throws IOException when a file cannot be read; a {@link DataFormatException} (file, line, reason)
     *                     when one is missing or malformed
     */
    public static Dataset readCatalogue(Path dir) throws IOException {
        for (String name : REQUIRED) {
            if (!Files.exists(dir.resolve(name))) {
                throw new DataFormatException(dir.resolve(name), 0, "missing required file of an ML-100k dataset");
            }
        }
        List<String> genres = readGenres(dir.resolve("u.genre"));
        Path occFile = dir.resolve("u.occupation");
        List<String> occupations = Files.exists(occFile) ? readOccupations(occFile) : null;
        Movies movies = readMovies(dir.resolve("u.item"), genres);
        Users users = readUsers(dir.resolve("u.user"), occupations);
        return new Dataset("ml-100k", users, movies, Interactions.empty(users.size(), movies.size()),
                RatingScale.WHOLE_STARS);
    }

    /**
     * Reads a u.data-format file (also u1.base, u1.test, ua.base, ...) over the given id space,
     * with the same checks as the full reader; a duplicate (user, movie) pair is an error.
     *
     * @param file   the ratings file
     * @param users  the dataset's user ids; a user not in it is an error
     * @param movies the dataset's movie ids; a movie not in it is an error
     * @return the ratings over the dataset's dense id space
     * @throws IOException         when the file cannot be read
     * @throws DataFormatException naming the file, line and reason
     */
    public static Interactions readRatings(Path file, IdIndex users, IdIndex movies) throws IOException {
        return readRatings(file, users, movies, ReadOptions.DEFAULTS);
    }

    /**
     * {@link #readRatings(Path, IdIndex, IdIndex)} with a duplicate policy and progress listener.
     *
     * @param file    the ratings file
     * @param users   the dataset's user ids; a user not in it is an error
     * @param movies  the dataset's movie ids; a movie not in it is an error
     * @param options the duplicate policy and a progress listener
     * @return the ratings over the dataset's dense id space
     * @throws IOException         when the file cannot be read
     * @throws DataFormatException naming the file, line and reason
     */
    public static Interactions readRatings(Path file, IdIndex users, IdIndex movies, ReadOptions options)
            throws IOException {
        return RatingsFile.read(file, RatingsFile.Layout.TAB, null, users, "the dataset's users (u.user)", movies,
                "the dataset's movies (u.item)", RatingScale.WHOLE_STARS, options).interactions();
    }

    static List<String> readGenres(Path file) throws IOException {
        List<String> genres = new ArrayList<>();
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.split((byte) '|').expect(2, "name|index");
                String name = f.stringAt(0, "genre name");
                int index = f.intAt(1, "genre index");
                if (name.isEmpty()) {
                    throw f.error("empty genre name");
                }
                if (index != genres.size()) {
                    throw f.error("genre index " + index + " out of order: expected " + genres.size());
                }
                if (genres.contains(name)) {
                    throw f.error("duplicate genre '" + name + "'");
                }
                if (genres.size() == Movies.MAX_GENRES) {
                    throw f.error("more than " + Movies.MAX_GENRES + " genres");
                }
                genres.add(name);
            }
        }
        if (genres.isEmpty()) {
            throw new DataFormatException(file, 0, "empty file: no genres");
        }
        return genres;
    }

    static List<String> readOccupations(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.split((byte) '|').expect(1, "occupation name");
                String name = f.stringAt(0, "occupation").trim();
                if (out.contains(name)) {
                    throw f.error("duplicate occupation '" + name + "'");
                }
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            throw new DataFormatException(file, 0, "empty file: no occupations");
        }
        return out;
    }

    static Movies readMovies(Path file, List<String> genres) throws IOException {
        MovieTable t = new MovieTable(genres);
        int nf = 5 + genres.size();
        int[] days = new int[64];
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.split((byte) '|').expect(nf, "id|title|release date|video date|URL|" + genres.size() + " genre flags");
                int id = f.intAt(0, "movie id");
                String title = f.stringAt(1, "title").strip();
                int year = MovieTable.yearFromTitle(title);
                int day = Movies.UNKNOWN_DAY;
                if (!f.isEmpty(2)) {
                    String date = f.stringAt(2, "release date");
                    day = releaseDay(f, date);
                    if (year == 0) {
                        year = java.time.LocalDate.ofEpochDay(day).getYear();
                    }
                }
                long bits = 0;
                for (int g = 0; g < genres.size(); g++) {
                    if (f.equalsAscii(5 + g, "1")) {
                        bits |= 1L << g;
                    } else if (!f.equalsAscii(5 + g, "0")) {
                        throw f.error("genre flag for '" + genres.get(g) + "' must be 0 or 1, found '"
                                + f.text(5 + g) + "'");
                    }
                }
                if (t.size() == days.length) {
                    days = java.util.Arrays.copyOf(days, days.length * 2);
                }
                days[t.size()] = day;
                t.add(f, id, title, year, bits);
            }
        }
        if (t.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no movies");
        }
        return t.build().withReleaseDates(java.util.Arrays.copyOf(days, t.size()));
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /** Days since 1970-01-01 of a {@code d-Mon-yyyy} date ({@code 01-Jan-1995}, {@code 4-Feb-1971}). */
    private static int releaseDay(Fields f, String date) {
        int day = releaseDay(date);
        if (day == Integer.MIN_VALUE) {
            throw f.error("release date '" + date + "' is not a d-Mon-yyyy date such as 01-Jan-1995");
        }
        return day;
    }

    /**
     * Days since 1970-01-01 of a {@code d-Mon-yyyy} date: a day of one or two digits, an English month
     * abbreviation in any case, a four-digit year, and a day that exists in that month (no 29-Feb-1995);
     * {@link Integer#MIN_VALUE} for anything else. Parsed by hand: java.time's formatter took 34-41 ms
     * for u.item's 1,681 dates in a fresh JVM, most of a command's start-up margin (BENCHMARKS.md); the
     * test checks this against that formatter day by day.
     */
    static int releaseDay(String date) {
        int n = date.length();
        int i = 0;
        int d = 0;
        while (i < n && i < 2 && date.charAt(i) >= '0' && date.charAt(i) <= '9') {
            d = d * 10 + (date.charAt(i) - '0');
            i++;
        }
        if (i == 0 || n != i + 9 || date.charAt(i) != '-' || date.charAt(i + 4) != '-') {
            return Integer.MIN_VALUE;
        }
        int month = MONTHS.indexOf(date.substring(i + 1, i + 4).toLowerCase(java.util.Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return Integer.MIN_VALUE;
        }
        int y = 0;
        for (int k = i + 5; k < n; k++) {
            char c = date.charAt(k);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            y = y * 10 + (c - '0');
        }
        int m = month / 3 + 1;
        if (d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
            return Integer.MIN_VALUE;
        }
        return (int) java.time.LocalDate.of(y, m, d).toEpochDay();
    }

    static Users readUsers(Path file, List<String> occupations) throws IOException {
        UserTable t = new UserTable(occupations);
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.split((byte) '|').expect(5, "id|age|gender|occupation|zip");
                int id = f.intAt(0, "user id");
                int age = f.intAt(1, "age");
                byte gender = UserTable.gender(f, 2);
                int occ = t.occupationIndex(f, f.stringAt(3, "occupation"), "u.occupation");
                t.add(f, id, age, gender, occ, f.stringAt(4, "zip code"));
            }
        }
        if (t.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no users");
        }
        return t.build();
    }
}

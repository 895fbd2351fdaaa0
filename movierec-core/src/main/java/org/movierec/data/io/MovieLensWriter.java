package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;

/**
 * Writes a {@link Dataset} in a real MovieLens file format, readable by {@link DatasetReader} and by
 * other MovieLens tools. Each file is written atomically (temporary sibling + rename). Ratings are
 * written in the dataset's order.
 *
 * <ul>
 * <li>{@link Format#ML_100K}: u.data, u.item (no URL; the release date when the catalogue has one, else
 *     "01-Jan-YEAR", else empty), u.user,
 *     u.genre, u.occupation; ISO-8859-1; whole-star ratings and user demographics required.</li>
 * <li>{@link Format#ML_1M}: ratings.dat, movies.dat, users.dat; ISO-8859-1; whole stars and
 *     demographics required. Ages in years map to the ML-1M bucket codes (under 18: 1, 18-24: 18,
 *     25-34: 25, 35-44: 35, 45-49: 45, 50-55: 50, 56+: 56; a code maps to itself). Occupations map by
 *     name to the ML-1M codes: an ML-1M name to its own code, an ML-100k name to its nearest ML-1M
 *     category (see {@link #ML100K_TO_ML1M}), anything else to 0 "other or not specified".</li>
 * <li>{@link Format#CSV}: ratings.csv, movies.csv (RFC 4180 quoting), and links.csv when the movies
 *     have links; UTF-8; ratings as "4.0" / "3.5".</li>
 * </ul>
 * A value the format cannot hold (a half star in ML-100k, a title with the separator, a character
 * outside ISO-8859-1) is an {@link IllegalArgumentException} naming the value; nothing is written
 * for that file.
 */
public final class MovieLensWriter {
    private static final java.time.format.DateTimeFormatter RELEASE_DATE =
            java.time.format.DateTimeFormatter.ofPattern("dd-MMM-uuuu", java.util.Locale.ENGLISH);
    /** Target file formats. */
    public enum Format {
        /** ML-100k files (see the class comment). */
        ML_100K,
        /** ML-1M files (see the class comment). */
        ML_1M,
        /** The CSV releases' files (see the class comment). */
        CSV;

        /**
         * Parses a format name as the command line gives it.
         *
         * @param s "100k", "1m" or "csv" (case-insensitive; also "ml-100k", "ml_100k", "ml-1m", "ml_1m")
         * @return the format
         * @throws IllegalArgumentException naming the value and the accepted ones
         */
        public static Format parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "100k", "ml-100k", "ml_100k" -> {
                    return ML_100K;
                }
                case "1m", "ml-1m", "ml_1m" -> {
                    return ML_1M;
                }
                case "csv" -> {
                    return CSV;
                }
                default -> throw new IllegalArgumentException("unknown format '" + s + "': expected 100k, 1m or csv");
            }
        }
    }

    /** ML-100k occupation names mapped to the nearest ML-1M occupation code. */
    static final Map<String, Integer> ML100K_TO_ML1M = Map.ofEntries(Map.entry("administrator", 3),
            Map.entry("artist", 2), Map.entry("doctor", 6), Map.entry("educator", 1), Map.entry("engineer", 17),
            Map.entry("entertainment", 2), Map.entry("executive", 7), Map.entry("healthcare", 6),
            Map.entry("homemaker", 9), Map.entry("lawyer", 11), Map.entry("librarian", 1),
            Map.entry("marketing", 14), Map.entry("none", 19), Map.entry("other", 0),
            Map.entry("programmer", 12), Map.entry("retired", 13), Map.entry("salesman", 14),
            Map.entry("scientist", 15), Map.entry("student", 4), Map.entry("technician", 17),
            Map.entry("writer", 20));

    private MovieLensWriter() {
    }

    /**
     * Writes the dataset's files into {@code dir} (created if needed), replacing files of the same name.
     *
     * @param d      the dataset
     * @param format the file format
     * @param dir    the target directory
     * @return the paths written, in writing order
     * @throws IOException              when a file cannot be written
     * @throws IllegalArgumentException naming a value the format cannot hold (see the class comment)
     */
    public static List<Path> write(Dataset d, Format format, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        switch (format) {
            case ML_100K -> {
                requireWholeStars(d, format);
                requireDemographics(d, format);
                out.add(writeRatings(d, dir.resolve("u.data"), "\t", false));
                out.add(write100kItems(d.movies(), dir.resolve("u.item")));
                out.add(write100kUsers(d.users(), dir.resolve("u.user")));
                out.add(writeVocabulary(d.movies().genreVocabulary(), dir.resolve("u.genre"), true));
                out.add(writeVocabulary(d.users().occupationVocabulary(), dir.resolve("u.occupation"), false));
            }
            case ML_1M -> {
                requireWholeStars(d, format);
                requireDemographics(d, format);
                out.add(writeRatings(d, dir.resolve("ratings.dat"), "::", false));
                out.add(writeDatMovies(d.movies(), dir.resolve("movies.dat")));
                out.add(write1mUsers(d.users(), dir.resolve("users.dat")));
            }
            case CSV -> {
                out.add(writeRatings(d, dir.resolve("ratings.csv"), ",", true));
                out.add(writeCsvMovies(d.movies(), dir.resolve("movies.csv")));
                if (d.movies().hasLinks()) {
                    out.add(writeLinks(d.movies(), dir.resolve("links.csv")));
                }
            }
            default -> throw new AssertionError(format);
        }
        return out;
    }

    private static void requireWholeStars(Dataset d, Format format) {
        float[] r = d.interactions().ratingsArray();
        for (int p = 0; p < r.length; p++) {
            if (r[p] != Math.rint(r[p]) || r[p] < 1 || r[p] > 5) {
                throw new IllegalArgumentException(format + " holds whole stars 1..5 only, but dataset " + d.name()
                        + " has the rating " + r[p] + " (write it as CSV instead)");
            }
        }
    }

    private static void requireDemographics(Dataset d, Format format) {
        Users u = d.users();
        if (!u.hasDemographics()) {
            throw new IllegalArgumentException(format + " needs user demographics, which dataset " + d.name()
                    + " does not have (write it as CSV instead)");
        }
        for (int x = 0; x < u.size(); x++) {
            if (u.gender(x) == Users.GENDER_UNKNOWN || u.age(x) < 0 || u.occupation(x) < 0) {
                throw new IllegalArgumentException(format + " needs age, gender and occupation for every user; user "
                        + u.ids().externalId(x) + " lacks one");
            }
        }
    }

    private static Path writeRatings(Dataset d, Path file, String sep, boolean csv) throws IOException {
        Interactions in = d.interactions();
        int[] users = in.usersArray();
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        long[] ts = in.timestampsArray();
        var uid = d.users().ids();
        var mid = d.movies().ids();
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.US_ASCII)) {
            if (csv) {
                f.ascii(MovieLensCsvReader.RATINGS_HEADER).newline();
            }
            for (int p = 0; p < users.length; p++) {
                f.number(uid.externalId(users[p])).ascii(sep).number(mid.externalId(items[p])).ascii(sep);
                if (csv) {
                    float twice = ratings[p] * 2;
                    if (twice != Math.rint(twice) || ratings[p] < 0.5f || ratings[p] > 5f) {
                        throw new IllegalArgumentException("ratings.csv holds half stars 0.5..5 only; dataset "
                                + d.name() + " has the rating " + ratings[p]);
                    }
                    int h = (int) twice;
                    f.number(h / 2).ascii(h % 2 == 0 ? ".0" : ".5");
                } else {
                    f.number((int) ratings[p]);
                }
                f.ascii(sep).number(ts[p]).newline();
            }
            f.commit();
        }
        return file;
    }

    private static void checkText(String value, String what, String... forbidden) {
        for (String s : forbidden) {
            if (value.contains(s)) {
                throw new IllegalArgumentException(what + " '" + value + "' contains '" + s.replace("\n", "\\n")
                        + "', which the file format cannot hold");
            }
        }
    }

    private static Path write100kItems(Movies m, Path file) throws IOException {
        int ng = m.genreVocabulary().size();
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < m.size(); i++) {
                String title = m.title(i);
                checkText(title, "title", "|", "\n", "\r");
                f.number(m.ids().externalId(i)).ascii('|').text(title, "title").ascii('|');
                if (m.releaseDay(i) != Movies.UNKNOWN_DAY) {
                    f.ascii(RELEASE_DATE.format(java.time.LocalDate.ofEpochDay(m.releaseDay(i))));
                } else if (m.year(i) > 0) {
                    f.ascii("01-Jan-").number(m.year(i));
                }
                f.ascii("|||");
                for (int g = 0; g < ng; g++) {
                    f.ascii(m.hasGenre(i, g) ? "1" : "0").ascii(g + 1 < ng ? "|" : "");
                }
                f.newline();
            }
            f.commit();
        }
        return file;
    }

    private static Path write100kUsers(Users u, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.ISO_8859_1)) {
            for (int x = 0; x < u.size(); x++) {
                String zip = u.zip(x) == null ? "" : u.zip(x);
                checkText(zip, "zip code", "|", "\n", "\r");
                f.number(u.ids().externalId(x)).ascii('|').number(u.age(x)).ascii('|')
                        .ascii(u.gender(x) == Users.GENDER_MALE ? "M" : "F").ascii('|')
                        .text(u.occupationName(x), "occupation").ascii('|').text(zip, "zip code").newline();
            }
            f.commit();
        }
        return file;
    }

    private static Path writeVocabulary(List<String> names, Path file, boolean indexed) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.ISO_8859_1)) {
            for (int k = 0; k < names.size(); k++) {
                checkText(names.get(k), "name", "|", "\n", "\r");
                f.text(names.get(k), "name");
                if (indexed) {
                    f.ascii('|').number(k);
                }
                f.newline();
            }
            f.commit();
        }
        return file;
    }

    private static String genreList(Movies m, int i) {
        List<String> names = m.genreNames(i);
        for (String g : names) {
            checkText(g, "genre", "|", "::", "\n", "\r");
        }
        return names.isEmpty() ? MovieTable.NO_GENRES : String.join("|", names);
    }

    private static Path writeDatMovies(Movies m, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < m.size(); i++) {
                String title = m.title(i);
                checkText(title, "title", "\n", "\r");
                if (title.startsWith(":") || title.endsWith(":")) {
                    throw new IllegalArgumentException("title '" + title + "' starts or ends with ':', which "
                            + "the :: separator makes ambiguous");
                }
                f.number(m.ids().externalId(i)).ascii("::").text(title, "title").ascii("::")
                        .text(genreList(m, i), "genres").newline();
            }
            f.commit();
        }
        return file;
    }

    /** The ML-1M age bucket code of an age in years (a bucket code maps to itself). */
    static int ageCode(int age) {
        if (age < 18) {
            return 1;
        }
        if (age < 25) {
            return 18;
        }
        if (age < 35) {
            return 25;
        }
        if (age < 45) {
            return 35;
        }
        if (age < 50) {
            return 45;
        }
        return age < 56 ? 50 : 56;
    }

    /** The ML-1M occupation code of an occupation name. */
    static int occupationCode(String name) {
        int own = MovieLensDatReader.ML1M_OCCUPATIONS.indexOf(name);
        if (own >= 0) {
            return own;
        }
        return ML100K_TO_ML1M.getOrDefault(name.toLowerCase(Locale.ROOT), 0);
    }

    private static Path write1mUsers(Users u, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.ISO_8859_1)) {
            for (int x = 0; x < u.size(); x++) {
                String zip = u.zip(x) == null ? "" : u.zip(x);
                checkText(zip, "zip code", ":", "\n", "\r");
                f.number(u.ids().externalId(x)).ascii("::").ascii(u.gender(x) == Users.GENDER_MALE ? "M" : "F")
                        .ascii("::").number(ageCode(u.age(x))).ascii("::")
                        .number(occupationCode(u.occupationName(x))).ascii("::").text(zip, "zip code").newline();
            }
            f.commit();
        }
        return file;
    }

    /** RFC 4180: quote a field holding a comma or a quote, doubling the quotes inside. */
    static String csvField(String s) {
        checkText(s, "CSV field", "\n", "\r");
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Path writeCsvMovies(Movies m, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.UTF_8)) {
            f.ascii(MovieLensCsvReader.MOVIES_HEADER).newline();
            for (int i = 0; i < m.size(); i++) {
                f.number(m.ids().externalId(i)).ascii(',').text(csvField(m.title(i)), "title").ascii(',')
                        .text(csvField(genreList(m, i)), "genres").newline();
            }
            f.commit();
        }
        return file;
    }

    private static Path writeLinks(Movies m, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file, StandardCharsets.US_ASCII)) {
            f.ascii(MovieLensCsvReader.LINKS_HEADER).newline();
            for (int i = 0; i < m.size(); i++) {
                f.number(m.ids().externalId(i)).ascii(',');
                if (m.imdbId(i) >= 0) {
                    f.ascii(String.format(Locale.ROOT, "%07d", m.imdbId(i)));
                }
                f.ascii(',');
                if (m.tmdbId(i) >= 0) {
                    f.number(m.tmdbId(i));
                }
                f.newline();
            }
            f.commit();
        }
        return file;
    }

    /**
     * The charset of a format's text files (for callers that add files of their own).
     *
     * @param format a format
     * @return UTF-8 for CSV, ISO-8859-1 for ML-100k and ML-1M
     */
    public static Charset charset(Format format) {
        return format == Format.CSV ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }
}

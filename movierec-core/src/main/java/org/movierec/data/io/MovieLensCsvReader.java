package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Reads the CSV MovieLens releases (ml-latest-small, ml-latest, ML-20M, ML-25M, ML-32M), UTF-8,
 * RFC 4180 quoting, each file starting with its header row:
 * <ul>
 * <li>{@code ratings.csv} {@value #RATINGS_HEADER} (required; half stars 0.5..5);</li>
 * <li>{@code movies.csv} {@value #MOVIES_HEADER} (required; genres {@code A|B|C} in first-seen order,
 *     {@code (no genres listed)} meaning none);</li>
 * <li>{@code links.csv} {@value #LINKS_HEADER} (optional; tmdbId may be empty) joined into the
 *     movies' IMDb/TMDB ids, -1 where unknown;</li>
 * <li>{@code tags.csv} {@value #TAGS_HEADER} (optional, see {@link DatasetReader#readTags}).</li>
 * </ul>
 * There is no users file: the users are the distinct user ids of the ratings in increasing order.
 * The dataset is named after its directory.
 */
final class MovieLensCsvReader {
    static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
    static final String MOVIES_HEADER = "movieId,title,genres";
    static final String LINKS_HEADER = "movieId,imdbId,tmdbId";
    static final String TAGS_HEADER = "userId,movieId,tag,timestamp";

    private MovieLensCsvReader() {
    }

    static Dataset read(Path dir, ReadOptions options) throws IOException {
        MovieLensDatReader.requireFiles(dir, "ratings.csv", "movies.csv");
        Movies movies = readMovies(dir);
        RatingsFile.Result r = RatingsFile.read(dir.resolve("ratings.csv"), RatingsFile.Layout.CSV, RATINGS_HEADER,
                null, "ratings.csv", movies.ids(), "movies.csv", RatingScale.HALF_STARS, options);
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new Dataset(name == null ? "movielens-csv" : name.toString(), Users.withoutDemographics(r.users()),
                movies, r.interactions(), RatingScale.HALF_STARS);
    }

    static Movies readMovies(Path dir) throws IOException {
        Path file = dir.resolve("movies.csv");
        MovieTable t = new MovieTable(List.of());
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            RatingsFile.checkHeader(r, f, MOVIES_HEADER);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitCsv().expect(3, MOVIES_HEADER);
                int id = f.intAt(0, "movie id");
                String title = f.stringAt(1, "title").strip();
                t.add(f, id, title, MovieTable.yearFromTitle(title), t.genreBits(f, f.stringAt(2, "genres")));
            }
        }
        if (t.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no movies");
        }
        Path links = dir.resolve("links.csv");
        if (Files.exists(links)) {
            readLinks(links, t);
        }
        return t.build();
    }

    private static void readLinks(Path file, MovieTable t) throws IOException {
        t.initLinks();
        boolean[] seen = new boolean[t.size()];
        long[] lineOf = new long[t.size()];
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            RatingsFile.checkHeader(r, f, LINKS_HEADER);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitCsv().expect(3, LINKS_HEADER);
                int id = f.intAt(0, "movie id");
                int m = t.indexOf(id);
                if (m < 0) {
                    throw f.error("link for movie " + id + ", which is not in movies.csv");
                }
                if (seen[m]) {
                    throw f.error("second link row for movie " + id + " (first on line " + lineOf[m] + ")");
                }
                seen[m] = true;
                lineOf[m] = r.lineNo();
                int imdb = f.isEmpty(1) ? -1 : f.intAt(1, "imdbId");
                int tmdb = f.isEmpty(2) ? -1 : f.intAt(2, "tmdbId");
                t.setLinks(m, imdb, tmdb);
            }
        }
    }

    static Tags readTags(Path file, Movies movies) throws IOException {
        Tags.Builder b = new Tags.Builder();
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            RatingsFile.checkHeader(r, f, TAGS_HEADER);
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitCsv().expect(4, TAGS_HEADER);
                int user = f.intAt(0, "user id");
                int movie = f.intAt(1, "movie id");
                if (movies.ids().indexOf(movie) < 0) {
                    throw f.error("tag for movie " + movie + ", which is not in movies.csv");
                }
                b.add(user, movie, f.stringAt(2, "tag"), f.longAt(3, "timestamp"));
            }
        }
        if (b.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: no tags");
        }
        return b.build();
    }
}

package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.DataFormatException;

/**
 * Directors and cast of movies by TMDB id, read from a CSV file with a header: a {@code tmdbId} column
 * (required) and {@code director} and {@code cast} columns (at least one of them; cast names separated
 * by {@code |}, as MovieLens separates genres), in any order, other columns ignored. RFC 4180 quoting,
 * so a name may hold a comma. A movie joins through {@code links.csv}'s tmdbId ({@link
 * org.movierec.data.Movies#tmdbId}). Strict as the MovieLens readers: a missing or non-numeric id, a
 * tmdbId given twice or a file without data rows is an error naming the file and line. Immutable.
 */
public final class TmdbCredits {
    /** What separates cast names within the {@code cast} field. */
    public static final String CAST_SEPARATOR = "|";

    private final Map<Integer, String> directors;
    private final Map<Integer, List<String>> casts;

    private TmdbCredits(Map<Integer, String> directors, Map<Integer, List<String>> casts) {
        this.directors = directors;
        this.casts = casts;
    }

    /**
     * Reads a credits file.
     *
     * @param file the CSV file
     * @return the credits
     * @throws IOException when reading fails or the file is malformed ({@link DataFormatException}: file, line, reason)
     */
    public static TmdbCredits read(Path file) throws IOException {
        Map<Integer, String> directors = new HashMap<>();
        Map<Integer, List<String>> casts = new HashMap<>();
        Map<Integer, Long> lineOf = new HashMap<>();
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            if (!r.next()) {
                throw new DataFormatException(file, 0, "empty file: expected a header with tmdbId and director "
                        + "and/or cast");
            }
            f.splitCsv();
            int id = -1;
            int director = -1;
            int cast = -1;
            for (int c = 0; c < f.count(); c++) {
                String name = f.stringAt(c, "column name").strip();
                switch (name) {
                    case "tmdbId" -> id = c;
                    case "director" -> director = c;
                    case "cast" -> cast = c;
                    default -> {
                        // other TMDB columns (overview, runtime, ...) are not read here
                    }
                }
            }
            if (id < 0 || (director < 0 && cast < 0)) {
                throw r.error("bad header: expected a tmdbId column and a director and/or cast column, found '"
                        + f.span(0, f.count(), "header") + "'");
            }
            int columns = f.count();
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                f.splitCsv();
                if (f.count() != columns) {
                    throw f.error(f.count() + " fields, but the header names " + columns);
                }
                int tmdb = f.intAt(id, "tmdbId");
                Long before = lineOf.putIfAbsent(tmdb, f.lineNo());
                if (before != null) {
                    throw f.error("tmdbId " + tmdb + " again (first on line " + before + ")");
                }
                if (director >= 0 && !f.isEmpty(director)) {
                    directors.put(tmdb, f.stringAt(director, "director").strip());
                }
                if (cast >= 0 && !f.isEmpty(cast)) {
                    List<String> names = new ArrayList<>();
                    for (String n : f.stringAt(cast, "cast").split("\\|")) {
                        if (!n.isBlank()) {
                            names.add(n.strip());
                        }
                    }
                    casts.put(tmdb, List.copyOf(names));
                }
            }
        }
        if (lineOf.isEmpty()) {
            throw new DataFormatException(file, 0, "empty file: a header and no movies");
        }
        return new TmdbCredits(Map.copyOf(directors), Map.copyOf(casts));
    }

    /**
     * The director of a movie.
     *
     * @param tmdbId the movie's TMDB id
     * @return the director, or null when the file names none
     */
    public String director(int tmdbId) {
        return directors.get(tmdbId);
    }

    /**
     * The cast of a movie, in file order.
     *
     * @param tmdbId the movie's TMDB id
     * @return the names (empty when the file names none)
     */
    public List<String> cast(int tmdbId) {
        return casts.getOrDefault(tmdbId, List.of());
    }

    /**
     * How many movies have a director or a cast.
     *
     * @return the count
     */
    public int size() {
        java.util.Set<Integer> ids = new java.util.HashSet<>(directors.keySet());
        ids.addAll(casts.keySet());
        return ids.size();
    }
}

package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.DataFormatException;
import org.movierec.data.Movies;

/**
 * Directors and cast of movies by TMDB id. A movie joins through {@code links.csv}'s tmdbId ({@link
 * org.movierec.data.Movies#tmdbId}). Four layouts are read, told apart by the file's first character and
 * header (docs/DATA_FORMATS.md):
 * <ul>
 *   <li>movierec's own CSV: a {@code tmdbId} column and {@code director} and/or {@code cast} columns, names
 *       separated by {@code |} (as MovieLens separates genres);</li>
 *   <li>TMDB's API responses, one JSON object per movie ({@code /movie/{id}?append_to_response=credits} or
 *       {@code /movie/{id}/credits}), as JSON Lines or one JSON array;</li>
 *   <li>Kaggle's "TMDB 5000" {@code tmdb_5000_credits.csv} ({@code movie_id}, {@code cast}, {@code crew}:
 *       JSON lists inside CSV fields);</li>
 *   <li>Kaggle's "The Movies Dataset" {@code credits.csv} ({@code cast}, {@code crew}, {@code id}: Python
 *       literal lists inside CSV fields).</li>
 * </ul>
 * From TMDB's lists, the directors are the crew members whose job is {@code Director} (in list order) and
 * the cast is ordered by billing ({@code order}). Strict as the MovieLens readers: a missing or non-numeric
 * id, a list that does not parse, a person without a name, a tmdbId given again with other credits or a
 * file without movies is an error naming the file and line. A row that repeats an earlier one exactly (The
 * Movies Dataset has some) is skipped. Immutable.
 */
public final class TmdbCredits {
    /** What separates names within the {@code director} and {@code cast} fields of movierec's CSV. */
    public static final String CAST_SEPARATOR = "|";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, List<String>> directors;
    private final Map<Integer, List<String>> casts;
    private final int duplicates;

    private TmdbCredits(Map<Integer, List<String>> directors, Map<Integer, List<String>> casts, int duplicates) {
        this.directors = directors;
        this.casts = casts;
        this.duplicates = duplicates;
    }

    /** Collects movies, refusing a tmdbId given twice with different credits. */
    private static final class Builder {
        final Path file;
        final Map<Integer, List<String>> directors = new HashMap<>();
        final Map<Integer, List<String>> casts = new HashMap<>();
        final Map<Integer, Long> lineOf = new HashMap<>();
        int duplicates;

        Builder(Path file) {
            this.file = file;
        }

        void add(int tmdb, List<String> dirs, List<String> cast, long line) {
            Long before = lineOf.putIfAbsent(tmdb, line);
            if (before != null) {
                if (directors.getOrDefault(tmdb, List.of()).equals(dirs)
                        && casts.getOrDefault(tmdb, List.of()).equals(cast)) {
                    duplicates++;
                    return;
                }
                throw new DataFormatException(file, line, "tmdbId " + tmdb + " again, with other credits (first on "
                        + "line " + before + ")");
            }
            if (!dirs.isEmpty()) {
                directors.put(tmdb, List.copyOf(dirs));
            }
            if (!cast.isEmpty()) {
                casts.put(tmdb, List.copyOf(cast));
            }
        }

        TmdbCredits build() {
            if (lineOf.isEmpty()) {
                throw new DataFormatException(file, 0, "empty file: no movies");
            }
            return new TmdbCredits(Map.copyOf(directors), Map.copyOf(casts), duplicates);
        }
    }

    /**
     * Reads a credits file in any of the four layouts.
     *
     * @param file the file
     * @return the credits
     * @throws IOException when reading fails or the file is malformed ({@link DataFormatException}: file, line, reason)
     */
    public static TmdbCredits read(Path file) throws IOException {
        int first = firstCharacter(file);
        Builder b = new Builder(file);
        if (first == '{' || first == '[') {
            readJson(file, b);
        } else {
            readCsv(file, b);
        }
        return b.build();
    }

    /** The first character that is not white space or a byte order mark; -1 for an empty file. */
    private static int firstCharacter(Path file) throws IOException {
        try (LineReader r = LineReader.open(file)) {
            while (r.next()) {
                for (int i = r.start(); i < r.end(); i++) {
                    byte c = r.buffer()[i];
                    if (c != ' ' && c != '\t') {
                        return c;
                    }
                }
            }
        }
        return -1;
    }

    private static void readCsv(Path file, Builder b) throws IOException {
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.UTF_8);
            if (!r.next()) {
                throw new DataFormatException(file, 0, "empty file: expected a header with tmdbId and director "
                        + "and/or cast, or TMDB credits (JSON, or a CSV with cast and crew columns)");
            }
            f.splitCsv();
            int tmdbId = -1;
            int movieId = -1;
            int plainId = -1;
            int director = -1;
            int cast = -1;
            int crew = -1;
            for (int c = 0; c < f.count(); c++) {
                String name = f.stringAt(c, "column name").strip();
                switch (name) {
                    case "tmdbId" -> tmdbId = c;
                    case "movie_id" -> movieId = c;
                    case "id" -> plainId = c;
                    case "director" -> director = c;
                    case "cast" -> cast = c;
                    case "crew" -> crew = c;
                    default -> {
                        // other TMDB columns (title, overview, runtime, ...) are not read here
                    }
                }
            }
            boolean lists = crew >= 0; // Kaggle's layouts: cast and crew hold TMDB's lists
            int id = tmdbId >= 0 ? tmdbId : lists ? (movieId >= 0 ? movieId : plainId) : -1;
            if (id < 0 || (!lists && director < 0 && cast < 0)) {
                throw r.error("bad header: expected a tmdbId column and a director and/or cast column, or an id "
                        + "(tmdbId, movie_id or id) with cast and crew columns as in Kaggle's TMDB credits files, "
                        + "found '" + f.span(0, f.count(), "header") + "'");
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
                List<String> dirs;
                List<String> names;
                if (lists) {
                    dirs = crew(list(f, crew, "crew"), f::error);
                    names = cast < 0 ? List.of() : cast(list(f, cast, "cast"), f::error);
                } else {
                    dirs = director < 0 ? List.of() : names(f, director, "director");
                    names = cast < 0 ? List.of() : names(f, cast, "cast");
                }
                b.add(tmdb, dirs, names, f.lineNo());
            }
        }
    }

    private static List<String> names(Fields f, int column, String what) {
        List<String> names = new ArrayList<>();
        if (!f.isEmpty(column)) {
            for (String n : f.stringAt(column, what).split("\\|")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        return names;
    }

    /** A CSV field holding a TMDB list as JSON or as a Python literal; empty field: empty list. */
    private static JsonNode list(Fields f, int column, String what) {
        if (f.isEmpty(column)) {
            return JSON.createArrayNode();
        }
        String text = f.stringAt(column, what);
        JsonNode node;
        try {
            node = JSON.readTree(PythonLiteral.toJson(text));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw f.error("the " + what + " field is not a JSON or Python list: " + reason);
        }
        if (node == null || !node.isArray()) {
            throw f.error("the " + what + " field is not a list (expected [...] of TMDB " + what + " entries)");
        }
        return node;
    }

    /** Where an error is: a CSV line or a JSON movie's first line. */
    private interface Where {
        DataFormatException error(String reason);
    }

    /** The directors in a TMDB crew list: entries whose job is Director, in list order. */
    private static List<String> crew(JsonNode crew, Where w) {
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < crew.size(); i++) {
            JsonNode e = crew.get(i);
            if (!e.isObject()) {
                throw w.error("crew entry " + (i + 1) + " is not an object");
            }
            if ("Director".equals(e.path("job").asText(null))) {
                String name = name(e, "crew", i, w);
                if (!dirs.contains(name)) {
                    dirs.add(name);
                }
            }
        }
        return dirs;
    }

    /** The cast in billing order ({@code order}, then list order when it is missing or tied). */
    private static List<String> cast(JsonNode cast, Where w) {
        record Billed(long order, int index, String name) {
        }
        List<Billed> billed = new ArrayList<>();
        for (int i = 0; i < cast.size(); i++) {
            JsonNode e = cast.get(i);
            if (!e.isObject()) {
                throw w.error("cast entry " + (i + 1) + " is not an object");
            }
            JsonNode order = e.get("order");
            if (order != null && !order.isNull() && !order.canConvertToLong()) {
                throw w.error("cast entry " + (i + 1) + " has order '" + order.asText() + "', expected a whole number");
            }
            long o = order == null || order.isNull() ? Long.MAX_VALUE : order.asLong();
            billed.add(new Billed(o, i, name(e, "cast", i, w)));
        }
        billed.sort(Comparator.comparingLong(Billed::order).thenComparingInt(Billed::index));
        List<String> names = new ArrayList<>(billed.size());
        for (Billed x : billed) {
            if (!names.contains(x.name())) {
                names.add(x.name());
            }
        }
        return names;
    }

    private static String name(JsonNode entry, String what, int i, Where w) {
        JsonNode n = entry.get("name");
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw w.error(what + " entry " + (i + 1) + " has no name");
        }
        return n.asText().strip();
    }

    /** TMDB API responses: root-level objects (JSON Lines) or one array of them. */
    private static void readJson(Path file, Builder b) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            JsonToken t = next(p, file);
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                t = next(p, file);
            }
            while (t != null && !(array && t == JsonToken.END_ARRAY)) {
                long line = p.currentLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new DataFormatException(file, line, "expected a JSON object per movie (a TMDB API "
                            + "response), found " + p.getText());
                }
                JsonNode movie;
                try {
                    movie = p.readValueAsTree();
                } catch (JsonProcessingException e) {
                    throw new DataFormatException(file, e.getLocation() == null ? line : e.getLocation().getLineNr(),
                            "not valid JSON: " + e.getOriginalMessage());
                }
                Where w = reason -> new DataFormatException(file, line, reason);
                JsonNode id = movie.get("id");
                if (id == null || !id.canConvertToInt() || id.asInt() < 0) {
                    throw w.error("the movie object has no whole-number id (its TMDB id)");
                }
                JsonNode credits = movie.has("credits") ? movie.get("credits") : movie;
                JsonNode cast = credits.path("cast");
                JsonNode crew = credits.path("crew");
                if (!cast.isArray() && !crew.isArray()) {
                    throw w.error("movie " + id.asInt() + " has no cast or crew list: expected a /movie/{id}/credits "
                            + "response or /movie/{id}?append_to_response=credits");
                }
                b.add(id.asInt(), crew.isArray() ? crew(crew, w) : List.of(),
                        cast.isArray() ? cast(cast, w) : List.of(), line);
                t = next(p, file);
            }
            if (array && next(p, file) != null) {
                throw new DataFormatException(file, p.currentLocation().getLineNr(), "text after the closing ]");
            }
        }
    }

    private static JsonToken next(JsonParser p, Path file) throws IOException {
        try {
            return p.nextToken();
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Attaches these credits to a catalogue through its links' TMDB ids ({@link Movies#withCredits}).
     *
     * @param movies the catalogue
     * @return the catalogue with each movie's directors and cast (none for a movie without a TMDB id or
     *         whose id is not in these credits)
     * @throws IllegalArgumentException when the catalogue has no links to join through
     */
    public Movies join(Movies movies) {
        if (!movies.hasLinks()) {
            throw new IllegalArgumentException("the dataset has no links.csv, so no movie has a TMDB id to join "
                    + "the credits through");
        }
        int n = movies.size();
        String[][] dirs = new String[n][];
        String[][] names = new String[n][];
        for (int m = 0; m < n; m++) {
            int tmdb = movies.tmdbId(m);
            if (tmdb > 0) {
                dirs[m] = directors(tmdb).toArray(String[]::new);
                names[m] = cast(tmdb).toArray(String[]::new);
            }
        }
        return movies.withCredits(dirs, names);
    }

    /**
     * Writes a catalogue's credits as TMDB API responses, one JSON object per line in the shape of
     * {@code /movie/{id}/credits} ({@code {"id": ..., "cast": [{"name", "order"}], "crew": [{"name",
     * "job": "Director", "department": "Directing"}]}}), for each movie with a TMDB id; {@link #read}
     * reads it back.
     *
     * @param movies a catalogue with links and credits
     * @param file   the file to write (replaced whole: written beside it and renamed into place)
     * @return how many movies were written
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when the catalogue has no links or no credits
     */
    public static int writeJsonLines(Movies movies, Path file) throws IOException {
        if (!movies.hasLinks() || !movies.hasCredits()) {
            throw new IllegalArgumentException("writing TMDB credits needs a catalogue with links and credits");
        }
        int written = 0;
        try (AtomicFile w = new AtomicFile(file, StandardCharsets.UTF_8)) {
            for (int m = 0; m < movies.size(); m++) {
                int tmdb = movies.tmdbId(m);
                if (tmdb <= 0) {
                    continue;
                }
                com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
                o.put("id", tmdb);
                com.fasterxml.jackson.databind.node.ArrayNode cast = o.putArray("cast");
                List<String> names = movies.cast(m);
                for (int k = 0; k < names.size(); k++) {
                    cast.addObject().put("name", names.get(k)).put("order", k);
                }
                com.fasterxml.jackson.databind.node.ArrayNode crew = o.putArray("crew");
                for (String name : movies.directors(m)) {
                    crew.addObject().put("name", name).put("job", "Director").put("department", "Directing");
                }
                w.text(JSON.writeValueAsString(o), "credits").newline();
                written++;
            }
            w.commit();
        }
        return written;
    }

    /**
     * How many rows repeated an earlier row exactly and were skipped.
     *
     * @return the count
     */
    public int duplicatesSkipped() {
        return duplicates;
    }

    /**
     * The directors of a movie, in file order.
     *
     * @param tmdbId the movie's TMDB id
     * @return the names (empty when the file names none)
     */
    public List<String> directors(int tmdbId) {
        return directors.getOrDefault(tmdbId, List.of());
    }

    /**
     * The director of a movie.
     *
     * @param tmdbId the movie's TMDB id
     * @return the first director, or null when the file names none
     */
    public String director(int tmdbId) {
        List<String> d = directors.get(tmdbId);
        return d == null ? null : d.get(0);
    }

    /**
     * The cast of a movie, in billing order (file order in movierec's CSV).
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

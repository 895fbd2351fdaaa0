package org.movierec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.data.Movies;

/**
 * Prints a ranked list of movies (recommendations or similar movies) as an aligned table or as
 * JSON, the two output formats of {@code recommend} and {@code similar}.
 */
final class MovieList {
    /** Output format of a list. */
    enum Format { table, json }

    private static final int MAX_TITLE = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MovieList() {
    }

    /**
     * @param header     a line printed above the table, or the JSON object's leading fields
     * @param scoreLabel the name of the score column ("score", "similarity")
     * @param items      dense movie indices, best first
     * @param scores     their scores
     * @param n          how many of {@code items} are valid
     */
    static void print(PrintWriter out, Format format, String header, Map<String, Object> head, String scoreLabel,
                      Movies movies, int[] items, float[] scores, int n) {
        if (format == Format.json) {
            Map<String, Object> root = new LinkedHashMap<>(head);
            List<Map<String, Object>> rows = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                int i = items[r];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("rank", r + 1);
                row.put("movie", movies.ids().hasNames() ? movies.ids().name(i) : (Object) movies.ids().externalId(i));
                row.put("title", movies.title(i));
                row.put("year", movies.year(i));
                row.put("genres", movies.genreNames(i));
                row.put(scoreLabel, scores[r]);
                rows.add(row);
            }
            root.put("items", rows);
            try {
                out.println(JSON.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        out.println(header);
        if (n == 0) {
            out.println("(no movies left to rank)");
            return;
        }
        int titleWidth = "title".length();
        for (int r = 0; r < n; r++) {
            titleWidth = Math.max(titleWidth, Math.min(MAX_TITLE, movies.title(items[r]).length()));
        }
        int idWidth = 6;
        for (int r = 0; r < n; r++) {
            idWidth = Math.max(idWidth, movies.ids().name(items[r]).length());
        }
        String fmt = "%4s  %" + idWidth + "s  %-" + titleWidth + "s  %4s  %-30s  %10s%n";
        out.printf(fmt, "rank", "movie", "title", "year", "genres", scoreLabel);
        for (int r = 0; r < n; r++) {
            int i = items[r];
            String title = movies.title(i);
            if (title.length() > MAX_TITLE) {
                title = title.substring(0, MAX_TITLE - 3) + "...";
            }
            int year = movies.year(i);
            out.printf(fmt, r + 1, movies.ids().name(i), title, year == 0 ? "" : Integer.toString(year),
                    String.join("|", movies.genreNames(i)), String.format(Locale.ROOT, "%.4f", scores[r]));
        }
    }
}

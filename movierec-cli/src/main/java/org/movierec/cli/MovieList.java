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

    /** Longest title and genre list shown in a table; longer ones end with an ellipsis. */
    static final int MAX_TITLE = 50;
    static final int MAX_GENRES = 40;
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
        List<String[]> rows = new ArrayList<>(n + 1);
        rows.add(new String[] {"rank", "movie", "title", "year", "genres", scoreLabel});
        for (int r = 0; r < n; r++) {
            int i = items[r];
            int year = movies.year(i);
            rows.add(new String[] {Integer.toString(r + 1), movies.ids().name(i),
                fit(displayTitle(movies.title(i), year), MAX_TITLE), year == 0 ? "" : Integer.toString(year),
                fit(String.join("|", movies.genreNames(i)), MAX_GENRES), String.format(Locale.ROOT, "%.4f", scores[r])});
        }
        for (String line : align(rows, new boolean[] {true, true, false, true, false, true})) {
            out.println(line);
        }
    }

    /** The title without a trailing " (YEAR)" when the year column shows that year. */
    static String displayTitle(String title, int year) {
        String suffix = " (" + year + ")";
        return year != 0 && title.endsWith(suffix) && title.length() > suffix.length()
                ? title.substring(0, title.length() - suffix.length()) : title;
    }

    /** {@code s}, cut to {@code max} characters with an ellipsis when longer. */
    static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }

    /**
     * Rows laid out in columns two spaces apart, each as wide as its widest cell; {@code right[c]}
     * aligns column c right (numbers), otherwise left; no trailing spaces.
     */
    static List<String> align(List<String[]> rows, boolean[] right) {
        int[] w = new int[right.length];
        for (String[] row : rows) {
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < w.length; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                String pad = " ".repeat(w[c] - row[c].length());
                sb.append(right[c] ? pad + row[c] : row[c] + pad);
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}

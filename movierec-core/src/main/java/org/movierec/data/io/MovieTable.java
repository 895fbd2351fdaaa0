package org.movierec.data.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.IdIndex;
import org.movierec.data.Movies;

/** Collects the rows of a movie file into the columns of {@link Movies}. */
final class MovieTable {
    /** The MovieLens marker for a movie without genres. */
    static final String NO_GENRES = "(no genres listed)";

    private final Map<Integer, Integer> indexOfId = new HashMap<>();
    private final List<String> vocabulary = new ArrayList<>();
    private final Map<String, Integer> vocabularyIndex = new HashMap<>();
    private int n;
    private int[] ids = new int[1024];
    private long[] lines = new long[1024];
    private String[] titles = new String[1024];
    private int[] years = new int[1024];
    private long[] genres = new long[1024];
    private int[] imdb;
    private int[] tmdb;

    /** Starts with a fixed genre vocabulary (ML-100k's u.genre); otherwise genres are added first-seen. */
    MovieTable(List<String> fixedVocabulary) {
        for (String g : fixedVocabulary) {
            vocabularyIndex.put(g, vocabulary.size());
            vocabulary.add(g);
        }
    }

    int size() {
        return n;
    }

    void add(Fields f, int id, String title, int year, long genreBits) {
        Integer prev = indexOfId.putIfAbsent(id, n);
        if (prev != null) {
            throw f.error("duplicate movie id " + id + " (first on line " + lines[prev] + ")");
        }
        if (n == ids.length) {
            int cap = n * 2;
            ids = Arrays.copyOf(ids, cap);
            lines = Arrays.copyOf(lines, cap);
            titles = Arrays.copyOf(titles, cap);
            years = Arrays.copyOf(years, cap);
            genres = Arrays.copyOf(genres, cap);
        }
        ids[n] = id;
        lines[n] = f.lineNo();
        titles[n] = title;
        years[n] = year;
        genres[n] = genreBits;
        n++;
    }

    /**
     * The multi-hot bits of a {@code A|B|C} genre list over this table's vocabulary, adding unseen
     * genres in first-seen order; {@value #NO_GENRES} is the empty set.
     */
    long genreBits(Fields f, String list) {
        if (list.equals(NO_GENRES)) {
            return 0L;
        }
        if (list.isEmpty()) {
            throw f.error("empty genre list (MovieLens writes '" + NO_GENRES + "')");
        }
        long bits = 0;
        int s = 0;
        while (true) {
            int e = list.indexOf('|', s);
            String g = list.substring(s, e < 0 ? list.length() : e);
            if (g.isEmpty()) {
                throw f.error("empty genre name in '" + list + "'");
            }
            Integer idx = vocabularyIndex.get(g);
            if (idx == null) {
                if (vocabulary.size() == Movies.MAX_GENRES) {
                    throw f.error("more than " + Movies.MAX_GENRES + " distinct genres (at '" + g + "')");
                }
                idx = vocabulary.size();
                vocabularyIndex.put(g, idx);
                vocabulary.add(g);
            }
            bits |= 1L << idx;
            if (e < 0) {
                return bits;
            }
            s = e + 1;
        }
    }

    /** Dense index of a movie id, or -1. */
    int indexOf(int id) {
        Integer idx = indexOfId.get(id);
        return idx == null ? -1 : idx;
    }

    /** Allocates link columns filled with -1 (unknown). */
    void initLinks() {
        imdb = new int[n];
        tmdb = new int[n];
        Arrays.fill(imdb, -1);
        Arrays.fill(tmdb, -1);
    }

    void setLinks(int index, int imdbId, int tmdbId) {
        imdb[index] = imdbId;
        tmdb[index] = tmdbId;
    }

    Movies build() {
        return new Movies(IdIndex.of(Arrays.copyOf(ids, n)), Arrays.copyOf(titles, n), Arrays.copyOf(years, n),
                Arrays.copyOf(genres, n), vocabulary, imdb, tmdb);
    }

    /**
     * The release year from a title ending in {@code (1995)} (trailing spaces allowed; other
     * parentheses earlier in the title are ignored). A range such as {@code (1975-1979)} gives its
     * first year. No year: 0.
     */
    static int yearFromTitle(String title) {
        int e = title.length();
        while (e > 0 && Character.isWhitespace(title.charAt(e - 1))) {
            e--;
        }
        if (e < 6 || title.charAt(e - 1) != ')') {
            return 0;
        }
        int open = title.lastIndexOf('(', e - 1);
        if (open < 0) {
            return 0;
        }
        String inner = title.substring(open + 1, e - 1);
        if (inner.length() < 4) {
            return 0;
        }
        for (int k = 0; k < 4; k++) {
            if (inner.charAt(k) < '0' || inner.charAt(k) > '9') {
                return 0;
            }
        }
        if (inner.length() > 4) {
            char sep = inner.charAt(4);
            if (sep != '-' && sep != '\u2013') {
                return 0;
            }
        }
        return Integer.parseInt(inner.substring(0, 4));
    }
}

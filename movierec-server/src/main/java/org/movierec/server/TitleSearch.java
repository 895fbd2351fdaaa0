package org.movierec.server;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.movierec.data.Movies;

/**
 * Title search over the catalogue: prefix matches first, then typo-tolerant ones. Titles and
 * queries are folded (lower case, accents and punctuation removed) and cut into words. A movie
 * matches when every query word matches a title word: exactly or as its prefix (score 2 per word,
 * plus a bonus when the title starts with the query), or within an edit distance of 1 (words of 4+
 * letters) or 2 (8+ letters), counting a transposition as one edit (score 1). Ties go to the more
 * popular movie. A linear scan: about 10k titles per query.
 */
public final class TitleSearch {
    private final Movies movies;
    private final String[][] words;
    private final String[] folded;
    private final float[] popularity;

    public TitleSearch(Movies movies, float[] popularity) {
        this.movies = movies;
        this.popularity = popularity;
        int n = movies.size();
        words = new String[n][];
        folded = new String[n];
        for (int i = 0; i < n; i++) {
            folded[i] = fold(movies.title(i));
            words[i] = split(folded[i]);
        }
    }

    /** Lower case, accents stripped, anything but letters and digits turned into single spaces. */
    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ").trim();
    }

    private static String[] split(String folded) {
        return folded.isEmpty() ? new String[0] : folded.split(" ");
    }

    /** Dense movie indices of the best matches, best first (at most {@code limit}). */
    public int[] search(String query, int limit) {
        String q = fold(query);
        String[] qw = split(q);
        if (qw.length == 0) {
            return new int[0];
        }
        int n = movies.size();
        List<long[]> hits = new ArrayList<>();
        float[] score = new float[n];
        for (int i = 0; i < n; i++) {
            float s = match(qw, words[i]);
            if (s <= 0) {
                continue;
            }
            if (folded[i].startsWith(q)) {
                s += 10;
            }
            score[i] = s;
            hits.add(new long[] {i});
        }
        Integer[] idx = new Integer[hits.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = (int) hits.get(k)[0];
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Float.compare(score[b], score[a]);
            if (c != 0) {
                return c;
            }
            c = Float.compare(popularity[b], popularity[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int m = Math.min(limit, idx.length);
        int[] out = new int[m];
        for (int k = 0; k < m; k++) {
            out[k] = idx[k];
        }
        return out;
    }

    /** Sum over query words of their best match in the title; 0 when one query word matches nothing. */
    private static float match(String[] qw, String[] tw) {
        float total = 0;
        for (String w : qw) {
            int best = 0;
            for (String t : tw) {
                int s;
                if (t.startsWith(w)) {
                    s = 2;
                } else {
                    int maxEdits = w.length() >= 8 ? 2 : w.length() >= 4 ? 1 : 0;
                    if (maxEdits == 0) {
                        continue;
                    }
                    // compare with the title word, or with its prefix of the query's length (typing in progress)
                    String tp = t.length() > w.length() ? t.substring(0, w.length()) : t;
                    s = (distance(w, t, maxEdits) <= maxEdits || distance(w, tp, maxEdits) <= maxEdits) ? 1 : 0;
                }
                best = Math.max(best, s);
                if (best == 2) {
                    break;
                }
            }
            if (best == 0) {
                return 0;
            }
            total += best;
        }
        return total;
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), cut off above max. */
    static int distance(String a, String b, int max) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > max) {
            return max + 1;
        }
        int[][] d = new int[la + 1][lb + 1];
        for (int i = 0; i <= la; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= lb; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= la; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[la][lb];
    }
}

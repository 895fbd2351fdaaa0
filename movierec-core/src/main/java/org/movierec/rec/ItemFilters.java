package org.movierec.rec;

import java.util.List;
import java.util.function.IntPredicate;
import org.movierec.data.Movies;

/**
 * Filters for {@link Recommender}: predicates over dense movie indices that return true for movies
 * that may be recommended. {@code null} stands for "no filter" everywhere.
 */
public final class ItemFilters {
    private ItemFilters() {
    }

    /**
     * Movies having at least one of the named genres.
     *
     * @param movies the catalogue
     * @param genres genre names of the catalogue's vocabulary, case-insensitive
     * @return a filter admitting those movies
     * @throws IllegalArgumentException naming the unknown genre and the allowed ones
     */
    public static IntPredicate anyGenre(Movies movies, List<String> genres) {
        long mask = genreMask(movies, genres);
        return i -> (movies.genreBits(i) & mask) != 0;
    }

    /**
     * The bit mask of genre names over the catalogue's vocabulary.
     *
     * @param movies the catalogue
     * @param genres genre names, case-insensitive, surrounding blanks ignored
     * @return bit {@code g} set for each named genre {@code g} (see {@link Movies#genreBits})
     * @throws IllegalArgumentException naming the unknown genre and the allowed ones
     */
    public static long genreMask(Movies movies, List<String> genres) {
        List<String> vocab = movies.genreVocabulary();
        long mask = 0;
        for (String g : genres) {
            int found = -1;
            for (int k = 0; k < vocab.size(); k++) {
                if (vocab.get(k).equalsIgnoreCase(g.trim())) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("unknown genre '" + g + "'; allowed: " + String.join(", ", vocab));
            }
            mask |= 1L << found;
        }
        return mask;
    }

    /**
     * Movies released in {@code from..to} (inclusive); movies of unknown year are rejected.
     *
     * @param movies the catalogue
     * @param from   first year admitted
     * @param to     last year admitted
     * @return the filter
     * @throws IllegalArgumentException when {@code from > to}
     */
    public static IntPredicate years(Movies movies, int from, int to) {
        if (from > to) {
            throw new IllegalArgumentException("year range " + from + ".." + to + " is empty");
        }
        return i -> {
            int y = movies.year(i);
            return y != 0 && y >= from && y <= to;
        };
    }

    /**
     * Both filters.
     *
     * @param a a filter, or null for none
     * @param b a filter, or null for none
     * @return a filter admitting what both admit (null when both are null)
     */
    public static IntPredicate and(IntPredicate a, IntPredicate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.and(b);
    }
}

package org.movierec.data;

import java.util.List;

/**
 * The movie catalogue: id index, titles, release years and genres, plus the IMDb/TMDB links when
 * the dataset has a {@code links.csv}. Columns are indexed by dense movie index.
 *
 * <p>Genres are a multi-hot bit set over the dataset's own vocabulary (at most 64 genres; MovieLens
 * has 19 or 20). Unknown year: {@code 0}. Unknown link: {@code -1}.
 */
public final class Movies {
    public static final int MAX_GENRES = 64;

    private final IdIndex ids;
    private final String[] titles;
    private final int[] years;
    private final long[] genres;
    private final List<String> genreVocabulary;
    private final int[] imdbIds;
    private final int[] tmdbIds;
    private final String[] texts;

    /**
     * Arrays are indexed by dense movie index and are not copied; {@code imdbIds}/{@code tmdbIds}
     * may be null when the dataset has no links.
     */
    public Movies(IdIndex ids, String[] titles, int[] years, long[] genres, List<String> genreVocabulary,
                  int[] imdbIds, int[] tmdbIds) {
        this(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, null);
    }

    private Movies(IdIndex ids, String[] titles, int[] years, long[] genres, List<String> genreVocabulary,
                   int[] imdbIds, int[] tmdbIds, String[] texts) {
        int n = ids.size();
        if (texts != null && texts.length != n) {
            throw new IllegalArgumentException("text column must have " + n + " entries");
        }
        this.texts = texts;
        if (titles.length != n || years.length != n || genres.length != n) {
            throw new IllegalArgumentException("movie columns must all have " + n + " entries");
        }
        if ((imdbIds != null && imdbIds.length != n) || (tmdbIds != null && tmdbIds.length != n)) {
            throw new IllegalArgumentException("link columns must have " + n + " entries");
        }
        if (genreVocabulary.size() > MAX_GENRES) {
            throw new IllegalArgumentException("at most " + MAX_GENRES + " genres, got " + genreVocabulary.size());
        }
        this.ids = ids;
        this.titles = titles;
        this.years = years;
        this.genres = genres;
        this.genreVocabulary = List.copyOf(genreVocabulary);
        this.imdbIds = imdbIds;
        this.tmdbIds = tmdbIds;
    }

    /** A catalogue that knows only ids (for rating files read without a movie file). */
    public static Movies idsOnly(IdIndex ids) {
        int n = ids.size();
        String[] titles = new String[n];
        for (int i = 0; i < n; i++) {
            titles[i] = "movie " + ids.externalId(i);
        }
        return new Movies(ids, titles, new int[n], new long[n], List.of(), null, null);
    }

    /**
     * The same catalogue with a free-text column (an item's description, from an items side file;
     * null entries: no text). The array is not copied. Model files do not keep it.
     */
    public Movies withTexts(String[] itemTexts) {
        return new Movies(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, itemTexts);
    }

    public boolean hasTexts() {
        return texts != null;
    }

    /** The item's free text, or null. */
    public String text(int movie) {
        return texts == null ? null : texts[movie];
    }

    public IdIndex ids() {
        return ids;
    }

    public int size() {
        return ids.size();
    }

    public String title(int movie) {
        return titles[movie];
    }

    /** Release year, or 0 when unknown. */
    public int year(int movie) {
        return years[movie];
    }

    /** Genre bit set: bit g is set when the movie has genre {@code genreVocabulary().get(g)}. */
    public long genreBits(int movie) {
        return genres[movie];
    }

    public boolean hasGenre(int movie, int genre) {
        return (genres[movie] & (1L << genre)) != 0;
    }

    public List<String> genreVocabulary() {
        return genreVocabulary;
    }

    public boolean hasLinks() {
        return imdbIds != null || tmdbIds != null;
    }

    public int imdbId(int movie) {
        return imdbIds == null ? -1 : imdbIds[movie];
    }

    public int tmdbId(int movie) {
        return tmdbIds == null ? -1 : tmdbIds[movie];
    }

    /** Genre names of a movie, in vocabulary order. */
    public List<String> genreNames(int movie) {
        long bits = genres[movie];
        java.util.ArrayList<String> out = new java.util.ArrayList<>(Long.bitCount(bits));
        for (int g = 0; g < genreVocabulary.size(); g++) {
            if ((bits & (1L << g)) != 0) {
                out.add(genreVocabulary.get(g));
            }
        }
        return out;
    }
}

package org.movierec.data;

import java.util.List;

/**
 * The movie catalogue: id index, titles, release years and genres, plus the IMDb/TMDB links when
 * the dataset has a {@code links.csv}. Columns are indexed by dense movie index.
 *
 * <p>Genres are a multi-hot bit set over the dataset's own vocabulary (at most 64 genres; MovieLens
 * has 19 or 20). Unknown year: {@code 0}. Unknown link: {@code -1}.
 *
 * <p>Immutable once built (the constructor takes ownership of the arrays), so safe to share between
 * threads. Accessors taking a {@code movie} expect a dense index in {@code 0..size()-1} and throw
 * {@link ArrayIndexOutOfBoundsException} outside it.
 */
public final class Movies {
    /** The most genres a vocabulary may have: one bit each in a {@code long}. */
    public static final int MAX_GENRES = 64;

    private final IdIndex ids;
    private final String[] titles;
    private final int[] years;
    private final long[] genres;
    private final List<String> genreVocabulary;
    private final int[] imdbIds;
    private final int[] tmdbIds;
    private final String[] texts;
    private final String[][] directors;
    private final String[][] cast;
    private final int[] releaseDays;

    /**
     * A catalogue over the given columns. Arrays are indexed by dense movie index and are not copied
     * (the caller must not change them afterwards).
     *
     * @param ids             the movie id index
     * @param titles          titles as in the files, with the year in parentheses ({@code "Heat (1995)"})
     * @param years           release years, 0 when unknown
     * @param genres          genre bit sets (see {@link #genreBits})
     * @param genreVocabulary genre names by bit position (copied), at most {@link #MAX_GENRES}
     * @param imdbIds         IMDb ids, -1 when unknown; null when the dataset has no links
     * @param tmdbIds         TMDB ids, -1 when unknown; null when the dataset has no links
     * @throws IllegalArgumentException when a column's length is not {@code ids.size()} or there are too
     *                                  many genres
     */
    public Movies(IdIndex ids, String[] titles, int[] years, long[] genres, List<String> genreVocabulary,
                  int[] imdbIds, int[] tmdbIds) {
        this(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, null, null, null, null);
    }

    private Movies(IdIndex ids, String[] titles, int[] years, long[] genres, List<String> genreVocabulary,
                   int[] imdbIds, int[] tmdbIds, String[] texts, String[][] directors, String[][] cast,
                   int[] releaseDays) {
        int n = ids.size();
        if (releaseDays != null && releaseDays.length != n) {
            throw new IllegalArgumentException("release date column must have " + n + " entries");
        }
        this.releaseDays = releaseDays;
        if (texts != null && texts.length != n) {
            throw new IllegalArgumentException("text column must have " + n + " entries");
        }
        if ((directors == null) != (cast == null) || (directors != null && (directors.length != n
                || cast.length != n))) {
            throw new IllegalArgumentException("director and cast columns must both be given, with " + n
                    + " entries each");
        }
        this.texts = texts;
        this.directors = directors;
        this.cast = cast;
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

    /**
     * A catalogue that knows only ids (for rating files read without a movie file): titles are
     * {@code "movie ID"}, years unknown, no genres, no links.
     *
     * @param ids the movie id index
     * @return the catalogue
     */
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
     *
     * @param itemTexts one text per movie in dense order ({@code itemTexts[i]} for movie index {@code i};
     *                  null entries: no text for that movie), or null for no text column at all
     * @return a new catalogue sharing this one's ids, titles, years, genres and links
     * @throws IllegalArgumentException when {@code itemTexts} is not null and its length is not {@link #size()}
     */
    public Movies withTexts(String[] itemTexts) {
        return new Movies(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, itemTexts, directors, cast, releaseDays);
    }

    /**
     * The same catalogue with credits: each movie's directors and its cast in billing order (TMDB's,
     * joined through the links by {@code org.movierec.data.io.TmdbCredits#join}). The arrays are not
     * copied. Model files do not keep the names; a model that uses them keeps what it learnt per movie.
     *
     * @param movieDirectors one array of names per movie in dense order (null or empty: none known)
     * @param movieCast      one array of names per movie in dense order, in billing order (null or empty: none)
     * @return a new catalogue sharing this one's other columns
     * @throws IllegalArgumentException when an array's length is not {@link #size()}
     */
    public Movies withCredits(String[][] movieDirectors, String[][] movieCast) {
        return new Movies(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, texts,
                java.util.Objects.requireNonNull(movieDirectors, "movieDirectors"),
                java.util.Objects.requireNonNull(movieCast, "movieCast"), releaseDays);
    }

    /** {@link #releaseDay} of a movie whose release date is not known. */
    public static final int UNKNOWN_DAY = Integer.MIN_VALUE;

    /**
     * The same catalogue with release dates (ML-100k's {@code u.item} has them; the other releases give
     * only the year in the title).
     *
     * @param epochDays one date per movie in dense order, as days since 1970-01-01; {@link #UNKNOWN_DAY}
     *                  where unknown (not copied)
     * @return a new catalogue sharing this one's other columns
     * @throws IllegalArgumentException when the length is not {@link #size()}
     */
    public Movies withReleaseDates(int[] epochDays) {
        return new Movies(ids, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, texts, directors, cast,
                java.util.Objects.requireNonNull(epochDays, "epochDays"));
    }

    /**
     * Whether release dates were attached ({@link #withReleaseDates}).
     *
     * @return true when the catalogue has a release date column, even if some movies lack a date
     */
    public boolean hasReleaseDates() {
        return releaseDays != null;
    }

    /**
     * The movie's release date.
     *
     * @param movie a dense movie index in {@code 0..size()-1}
     * @return days since 1970-01-01, or {@link #UNKNOWN_DAY} when unknown or the catalogue has no dates
     */
    public int releaseDay(int movie) {
        return releaseDays == null ? UNKNOWN_DAY : releaseDays[movie];
    }

    /**
     * Whether credits were attached ({@link #withCredits}).
     *
     * @return true when the catalogue carries directors and cast, even if some movies have none
     */
    public boolean hasCredits() {
        return directors != null;
    }

    /**
     * How many movies have a director or a cast member.
     *
     * @return the count, 0 without credits
     */
    public int creditedMovies() {
        int n = 0;
        for (int m = 0; directors != null && m < directors.length; m++) {
            n += (directors[m] != null && directors[m].length > 0) || (cast[m] != null && cast[m].length > 0) ? 1 : 0;
        }
        return n;
    }

    /**
     * The movie's directors.
     *
     * @param movie a dense movie index in {@code 0..size()-1}
     * @return the names, empty when none are known or the catalogue has no credits
     */
    public List<String> directors(int movie) {
        return names(directors, movie);
    }

    /**
     * The movie's cast in billing order.
     *
     * @param movie a dense movie index in {@code 0..size()-1}
     * @return the names, empty when none are known or the catalogue has no credits
     */
    public List<String> cast(int movie) {
        return names(cast, movie);
    }

    private static List<String> names(String[][] column, int movie) {
        if (column == null) {
            return List.of();
        }
        String[] a = column[movie];
        return a == null ? List.of() : List.of(a);
    }

    /**
     * The same catalogue under other external ids: movie index {@code i} keeps its title, year,
     * genres, links and text and gets {@code newIds}' entry {@code i} (a retrained server's catalogue
     * keeps the ids its clients already hold this way, see {@code org.movierec.server.Retrainer}).
     *
     * @param newIds the new id index, of the same size
     * @return a new catalogue sharing this one's columns
     * @throws IllegalArgumentException when {@code newIds} has another size
     */
    public Movies withIds(IdIndex newIds) {
        if (newIds.size() != ids.size()) {
            throw new IllegalArgumentException("new ids for " + newIds.size() + " movies, the catalogue has "
                    + ids.size());
        }
        return new Movies(newIds, titles, years, genres, genreVocabulary, imdbIds, tmdbIds, texts, directors, cast, releaseDays);
    }

    /**
     * Whether the catalogue carries a free-text column ({@link #withTexts}).
     *
     * @return true when texts were attached, even if some movies have none
     */
    public boolean hasTexts() {
        return texts != null;
    }

    /**
     * The movie's free text (its description from an items side file).
     *
     * @param movie a dense movie index in {@code 0..size()-1}
     * @return the text, or null when the movie has none or the catalogue has no text column
     * @throws ArrayIndexOutOfBoundsException when the catalogue has texts and {@code movie} is out of range
     */
    public String text(int movie) {
        return texts == null ? null : texts[movie];
    }

    /**
     * The mapping between MovieLens movie ids and dense movie indices.
     *
     * @return the id index
     */
    public IdIndex ids() {
        return ids;
    }

    /**
     * The number of movies in the catalogue, rated or not.
     *
     * @return the number of movies
     */
    public int size() {
        return ids.size();
    }

    /**
     * A movie's title.
     *
     * @param movie dense movie index
     * @return the title as in the movie file (usually with the year, {@code "Heat (1995)"})
     */
    public String title(int movie) {
        return titles[movie];
    }

    /**
     * A movie's release year, from its title or release date.
     *
     * @param movie dense movie index
     * @return the year, or 0 when unknown
     */
    public int year(int movie) {
        return years[movie];
    }

    /**
     * A movie's genres as bits.
     *
     * @param movie dense movie index
     * @return bit {@code g} is set when the movie has genre {@code genreVocabulary().get(g)}
     */
    public long genreBits(int movie) {
        return genres[movie];
    }

    /**
     * Whether a movie has a genre.
     *
     * @param movie dense movie index
     * @param genre index into {@link #genreVocabulary()}, 0..63
     * @return true when the movie has it
     */
    public boolean hasGenre(int movie, int genre) {
        return (genres[movie] & (1L << genre)) != 0;
    }

    /**
     * The dataset's genre names in bit order.
     *
     * @return an unmodifiable list, empty when the dataset has no genres
     */
    public List<String> genreVocabulary() {
        return genreVocabulary;
    }

    /**
     * Whether the dataset has IMDb or TMDB links ({@code links.csv}).
     *
     * @return true when {@link #imdbId} or {@link #tmdbId} can be known
     */
    public boolean hasLinks() {
        return imdbIds != null || tmdbIds != null;
    }

    /**
     * A movie's IMDb id (the number in {@code tt0114369}).
     *
     * @param movie dense movie index
     * @return the id, or -1 when unknown or the dataset has no links
     */
    public int imdbId(int movie) {
        return imdbIds == null ? -1 : imdbIds[movie];
    }

    /**
     * A movie's TMDB id.
     *
     * @param movie dense movie index
     * @return the id, or -1 when unknown or the dataset has no links
     */
    public int tmdbId(int movie) {
        return tmdbIds == null ? -1 : tmdbIds[movie];
    }

    /**
     * A movie's genre names.
     *
     * @param movie dense movie index
     * @return a new list of its genres, in vocabulary order
     */
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

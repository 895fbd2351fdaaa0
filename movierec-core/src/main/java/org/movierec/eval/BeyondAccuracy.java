package org.movierec.eval;

import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;

/**
 * Beyond-accuracy metrics of one user's recommended list {@code list[0 .. len-1]}, which look at what
 * is recommended rather than whether it was liked. With {@code n_i} the number of training users who
 * rated movie i (its training ratings) and {@code N} the number of users with a training rating:
 *
 * <ul>
 * <li><b>novelty</b>: the mean self-information of the list's movies,
 * {@code (1/len) sum_i -log2(n_i / N)} bits (Zhou et al., PNAS 2010; Vargas and Castells, RecSys 2011).
 * A movie every training user rated scores 0; a movie no training user rated counts as rated by one
 * ({@code log2 N}, the largest value). Higher is more novel.</li>
 * <li><b>diversity</b> (intra-list diversity, Ziegler et al., WWW 2005): the mean over the
 * {@code len(len-1)/2} pairs of the list of the Jaccard distance of the two movies' genre sets,
 * {@code 1 - |G_i ∩ G_j| / |G_i ∪ G_j|}; two movies without genres are at distance 0. In [0, 1];
 * higher is more diverse. Undefined (NaN) for a list of fewer than two movies and for a catalogue
 * without genres.</li>
 * <li><b>arp</b> (average recommended popularity, Abdollahpouri et al., FLAIRS 2019): the mean
 * {@code n_i} of the list's movies. Lower means less popularity bias.</li>
 * </ul>
 *
 * Catalogue coverage, the fourth beyond-accuracy metric, is a property of all lists together and lives
 * in {@link RankingMetrics.Accumulator}. The {@link Evaluator} averages each metric over the users
 * who have one (the same users as the ranking metrics).
 */
public final class BeyondAccuracy {
    /** Metric names in the order of {@link #userValues}'s output. */
    public static final String[] NAMES = {"novelty", "diversity", "arp"};
    /** Position of novelty in {@link #NAMES} and in {@link #userValues}'s output. */
    public static final int NOVELTY = 0;
    /** Position of diversity in {@link #NAMES} and in {@link #userValues}'s output. */
    public static final int DIVERSITY = 1;
    /** Position of arp (average recommended popularity) in {@link #NAMES} and in {@link #userValues}'s output. */
    public static final int ARP = 2;

    private final int[] counts;
    private final double[] selfInformation;
    private final long[] genres;

    /**
     * The metrics for a training set given by its counts (both arrays are copied).
     *
     * @param itemCounts    training ratings per movie ({@code n_i}), indexed by dense movie index; at least 0
     * @param trainingUsers users with at least one training rating ({@code N}); 0 or less makes every
     *                      self-information 0
     * @param genres        each movie's genre set as bits ({@link org.movierec.data.Movies#genreBits}), as
     *                      long as {@code itemCounts}, or null when the catalogue has no genres
     * @throws IllegalArgumentException when {@code genres} and {@code itemCounts} differ in length
     * @throws NullPointerException     when {@code itemCounts} is null
     */
    public BeyondAccuracy(int[] itemCounts, int trainingUsers, long[] genres) {
        if (genres != null && genres.length != itemCounts.length) {
            throw new IllegalArgumentException(itemCounts.length + " movie counts but " + genres.length + " genre sets");
        }
        this.counts = itemCounts.clone();
        this.genres = genres == null ? null : genres.clone();
        this.selfInformation = new double[counts.length];
        double log2 = Math.log(2);
        for (int i = 0; i < counts.length; i++) {
            int n = Math.max(1, counts[i]);
            selfInformation[i] = trainingUsers <= 0 ? 0 : Math.max(0, Math.log((double) trainingUsers / n) / log2);
        }
    }

    /**
     * From a training set: its rating counts, its users with ratings and its movies' genres (if any).
     *
     * @param train the training part the lists were recommended from
     * @return the metrics over {@code train}'s movies; without genres when its catalogue has none
     */
    public static BeyondAccuracy of(Dataset train) {
        Interactions in = train.interactions();
        int users = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) > 0) {
                users++;
            }
        }
        Movies m = train.movies();
        long[] g = null;
        if (!m.genreVocabulary().isEmpty()) {
            g = new long[in.numItems()];
            for (int i = 0; i < g.length; i++) {
                g[i] = i < m.size() ? m.genreBits(i) : 0L;
            }
        }
        return new BeyondAccuracy(in.itemCounts(), users, g);
    }

    /**
     * Whether {@link #diversity} is defined for this catalogue (it has genres).
     *
     * @return true when genre sets were given
     */
    public boolean hasGenres() {
        return genres != null;
    }

    /**
     * A movie's self-information, {@code -log2(max(n_i, 1) / N)}, clamped at 0 from below.
     *
     * @param item a dense movie index
     * @return the self-information in bits, in {@code [0, log2 N]}
     * @throws ArrayIndexOutOfBoundsException when {@code item} is out of range
     */
    public double selfInformation(int item) {
        return selfInformation[item];
    }

    /**
     * The novelty of a list: the mean self-information of its movies (see the class comment).
     *
     * @param list dense movie indices; the first {@code len} are the list
     * @param len  the list's length, at least 0
     * @return the mean self-information in bits, in {@code [0, log2 N]}; NaN for an empty list
     * @throws ArrayIndexOutOfBoundsException when a movie index or {@code len} is out of range
     */
    public double novelty(int[] list, int len) {
        if (len == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < len; j++) {
            s += selfInformation[list[j]];
        }
        return s / len;
    }

    /**
     * The average recommended popularity of a list: the mean number of training ratings of its movies.
     *
     * @param list dense movie indices; the first {@code len} are the list
     * @param len  the list's length, at least 0
     * @return the mean {@code n_i}, at least 0 (lower: less popularity bias); NaN for an empty list
     * @throws ArrayIndexOutOfBoundsException when a movie index or {@code len} is out of range
     */
    public double arp(int[] list, int len) {
        if (len == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < len; j++) {
            s += counts[list[j]];
        }
        return s / len;
    }

    /**
     * The Jaccard distance {@code 1 - |a ∩ b| / |a ∪ b|} of two genre bit sets.
     *
     * @param a the first movie's genre bits
     * @param b the second movie's genre bits
     * @return the distance in [0, 1]; 0 when both sets are empty
     */
    public static double jaccardDistance(long a, long b) {
        int union = Long.bitCount(a | b);
        return union == 0 ? 0 : 1 - (double) Long.bitCount(a & b) / union;
    }

    /**
     * The intra-list diversity of a list: the mean Jaccard distance of its pairs' genre sets.
     *
     * @param list dense movie indices; the first {@code len} are the list
     * @param len  the list's length, at least 0
     * @return the mean pairwise distance in [0, 1]; NaN for fewer than two movies or a catalogue without
     *         genres
     * @throws ArrayIndexOutOfBoundsException when a movie index or {@code len} is out of range
     */
    public double diversity(int[] list, int len) {
        if (genres == null || len < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < len; j++) {
            long gj = genres[list[j]];
            for (int l = j + 1; l < len; l++) {
                s += jaccardDistance(gj, genres[list[l]]);
            }
        }
        return s / ((double) len * (len - 1) / 2);
    }

    /**
     * The three metrics of one list into {@code out[offset ..]} in {@link #NAMES} order (NaN where undefined).
     *
     * @param list   dense movie indices; the first {@code len} are the list
     * @param len    the list's length, at least 0
     * @param out    receives the values at {@code offset + NOVELTY}, {@code + DIVERSITY} and {@code + ARP}
     * @param offset where the three values start in {@code out}
     * @throws ArrayIndexOutOfBoundsException when {@code out} has fewer than {@code offset + 3} entries or a
     *                                        movie index is out of range
     */
    public void userValues(int[] list, int len, double[] out, int offset) {
        out[offset + NOVELTY] = novelty(list, len);
        out[offset + DIVERSITY] = diversity(list, len);
        out[offset + ARP] = arp(list, len);
    }
}

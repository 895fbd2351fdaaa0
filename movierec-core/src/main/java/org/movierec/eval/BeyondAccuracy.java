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
    public static final int NOVELTY = 0;
    public static final int DIVERSITY = 1;
    public static final int ARP = 2;

    private final int[] counts;
    private final double[] selfInformation;
    private final long[] genres;

    /**
     * @param itemCounts    training ratings per movie ({@code n_i})
     * @param trainingUsers users with at least one training rating ({@code N})
     * @param genres        each movie's genre set as bits, or null when the catalogue has no genres
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

    /** From a training set: its rating counts, its users with ratings and its movies' genres (if any). */
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

    /** Whether {@link #diversity} is defined for this catalogue (it has genres). */
    public boolean hasGenres() {
        return genres != null;
    }

    /** {@code -log2(max(n_i, 1) / N)}. */
    public double selfInformation(int item) {
        return selfInformation[item];
    }

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

    /** {@code 1 - |a ∩ b| / |a ∪ b|} of two genre bit sets; 0 when both are empty. */
    public static double jaccardDistance(long a, long b) {
        int union = Long.bitCount(a | b);
        return union == 0 ? 0 : 1 - (double) Long.bitCount(a & b) / union;
    }

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

    /** The three metrics of one list into {@code out[offset ..]} in {@link #NAMES} order (NaN where undefined). */
    public void userValues(int[] list, int len, double[] out, int offset) {
        out[offset + NOVELTY] = novelty(list, len);
        out[offset + DIVERSITY] = diversity(list, len);
        out[offset + ARP] = arp(list, len);
    }
}

package org.movierec.eval;

/**
 * Top-K ranking metrics for one user's ranked list, as pure functions, plus an accumulator over users.
 *
 * <p>Every function takes the ranked list {@code ranked[0 .. len-1]} (best first, {@code len <= k};
 * a list shorter than {@code k} when fewer candidates exist), the user's relevant items as a mask
 * over all items and their count {@code numRelevant >= 1}. Gains are binary.
 *
 * <ul>
 * <li>hit rate: 1 when some relevant item is in the list, else 0;</li>
 * <li>precision@K = hits / K (divided by K even when the list is shorter);</li>
 * <li>recall@K = hits / numRelevant;</li>
 * <li>NDCG@K = DCG / IDCG with {@code DCG = sum over relevant ranks i (1-based) of 1/log2(i+1)} and
 * IDCG the DCG of {@code min(K, numRelevant)} relevant items at the top;</li>
 * <li>AP@K = {@code sum over relevant ranks i of precision@i} / {@code min(K, numRelevant)}: the
 * normalisation by min(K, #relevant), not by #relevant, lets a perfect list score 1 even when the
 * user has more relevant items than fit in K (the usual "MAP@K" of Kaggle and LibRec; RankSys divides
 * by #relevant);</li>
 * <li>reciprocal rank: 1/(rank of the first relevant item), 0 when none is in the list.</li>
 * </ul>
 *
 * <p>The functions are pure and allocate nothing; an {@link Accumulator} is not thread-safe (use one per
 * thread and {@link Accumulator#merge} them).
 */
public final class RankingMetrics {
    /** Metric names in the order of {@link #userValues}'s output. */
    public static final String[] NAMES = {"precision", "recall", "ndcg", "map", "mrr", "hit_rate"};
    /** Index of precision@K in {@link #userValues}'s output. */
    public static final int PRECISION = 0;
    /** Index of recall@K in {@link #userValues}'s output. */
    public static final int RECALL = 1;
    /** Index of NDCG@K in {@link #userValues}'s output. */
    public static final int NDCG = 2;
    /** Index of AP@K (averaged into MAP@K) in {@link #userValues}'s output. */
    public static final int MAP = 3;
    /** Index of the reciprocal rank (averaged into MRR) in {@link #userValues}'s output. */
    public static final int MRR = 4;
    /** Index of the hit rate in {@link #userValues}'s output. */
    public static final int HIT_RATE = 5;

    private RankingMetrics() {
    }

    /**
     * Counts the relevant items in the list.
     *
     * @param ranked   the list, best first
     * @param len      its length
     * @param relevant mask over all items
     * @return the number of relevant items among {@code ranked[0..len-1]}
     */
    public static int hits(int[] ranked, int len, boolean[] relevant) {
        int h = 0;
        for (int j = 0; j < len; j++) {
            if (relevant[ranked[j]]) {
                h++;
            }
        }
        return h;
    }

    /**
     * Hit rate of one list.
     *
     * @param ranked   the list, best first
     * @param len      its length
     * @param relevant mask over all items
     * @return 1 when some relevant item is in the list, else 0
     */
    public static double hitRate(int[] ranked, int len, boolean[] relevant) {
        return hits(ranked, len, relevant) > 0 ? 1 : 0;
    }

    /**
     * Precision@K of one list.
     *
     * @param ranked   the list, best first
     * @param len      its length, at most k
     * @param relevant mask over all items
     * @param k        the cut-off, at least 1
     * @return hits / k, in [0, 1]
     */
    public static double precision(int[] ranked, int len, boolean[] relevant, int k) {
        return (double) hits(ranked, len, relevant) / k;
    }

    /**
     * Recall@K of one list.
     *
     * @param ranked      the list, best first
     * @param len         its length
     * @param relevant    mask over all items
     * @param numRelevant the number of relevant items, at least 1
     * @return hits / numRelevant, in [0, 1]
     */
    public static double recall(int[] ranked, int len, boolean[] relevant, int numRelevant) {
        return (double) hits(ranked, len, relevant) / numRelevant;
    }

    /** {@code 1 / log2(rank + 1)} for a 1-based rank. */
    static double discount(int rank) {
        return 1.0 / (Math.log(rank + 1) / Math.log(2));
    }

    /**
     * NDCG@K of one list, binary gains (formula in the class comment).
     *
     * @param ranked      the list, best first
     * @param len         its length, at most k
     * @param relevant    mask over all items
     * @param numRelevant the number of relevant items, at least 1
     * @param k           the cut-off, at least 1
     * @return DCG / IDCG, in [0, 1]
     */
    public static double ndcg(int[] ranked, int len, boolean[] relevant, int numRelevant, int k) {
        double dcg = 0;
        for (int j = 0; j < len; j++) {
            if (relevant[ranked[j]]) {
                dcg += discount(j + 1);
            }
        }
        double idcg = 0;
        for (int j = 0, m = Math.min(k, numRelevant); j < m; j++) {
            idcg += discount(j + 1);
        }
        return dcg / idcg;
    }

    /**
     * AP@K of one list, normalised by {@code min(k, numRelevant)} (see the class comment).
     *
     * @param ranked      the list, best first
     * @param len         its length, at most k
     * @param relevant    mask over all items
     * @param numRelevant the number of relevant items, at least 1
     * @param k           the cut-off, at least 1
     * @return AP@K, in [0, 1]
     */
    public static double averagePrecision(int[] ranked, int len, boolean[] relevant, int numRelevant, int k) {
        double sum = 0;
        int h = 0;
        for (int j = 0; j < len; j++) {
            if (relevant[ranked[j]]) {
                h++;
                sum += (double) h / (j + 1);
            }
        }
        return sum / Math.min(k, numRelevant);
    }

    /**
     * Reciprocal rank of one list.
     *
     * @param ranked   the list, best first
     * @param len      its length
     * @param relevant mask over all items
     * @return 1 / (1-based rank of the first relevant item), 0 when none is in the list
     */
    public static double reciprocalRank(int[] ranked, int len, boolean[] relevant) {
        for (int j = 0; j < len; j++) {
            if (relevant[ranked[j]]) {
                return 1.0 / (j + 1);
            }
        }
        return 0;
    }

    /**
     * All six metrics for one user.
     *
     * @param ranked      the list, best first
     * @param len         its length, at most k
     * @param relevant    mask over all items
     * @param numRelevant the number of relevant items, at least 1
     * @param k           the cut-off, at least 1
     * @param out         receives the metrics at indices {@link #PRECISION} .. {@link #HIT_RATE}; length at
     *                    least {@code NAMES.length}
     * @throws IllegalArgumentException when {@code len > k} or {@code numRelevant < 1}
     */
    public static void userValues(int[] ranked, int len, boolean[] relevant, int numRelevant, int k, double[] out) {
        if (len > k) {
            throw new IllegalArgumentException("ranked list of " + len + " items is longer than k=" + k);
        }
        if (numRelevant < 1) {
            throw new IllegalArgumentException("ranking metrics need at least one relevant item");
        }
        out[PRECISION] = precision(ranked, len, relevant, k);
        out[RECALL] = recall(ranked, len, relevant, numRelevant);
        out[NDCG] = ndcg(ranked, len, relevant, numRelevant, k);
        out[MAP] = averagePrecision(ranked, len, relevant, numRelevant, k);
        out[MRR] = reciprocalRank(ranked, len, relevant);
        out[HIT_RATE] = hitRate(ranked, len, relevant);
    }

    /**
     * Means of the per-user metrics over the users added, plus catalogue coverage: the fraction of
     * all movies that appear in at least one added user's list. Users without a relevant test item
     * are not added but counted through {@link #skip()}.
     */
    public static final class Accumulator {
        private final int k;
        private final double[] sums = new double[NAMES.length];
        private final boolean[] recommended;
        private long users;
        private long skipped;

        /**
         * An empty accumulator.
         *
         * @param k        the cut-off, at least 1
         * @param numItems catalogue size (the denominator of coverage)
         * @throws IllegalArgumentException when {@code k < 1}
         */
        public Accumulator(int k, int numItems) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            this.k = k;
            this.recommended = new boolean[numItems];
        }

        /**
         * Computes and adds one user's metrics.
         *
         * @param ranked      the user's list, best first
         * @param len         its length, at most k
         * @param relevant    mask over all items
         * @param numRelevant the number of relevant items, at least 1
         * @throws IllegalArgumentException when {@code len > k} or {@code numRelevant < 1}
         */
        public void add(int[] ranked, int len, boolean[] relevant, int numRelevant) {
            double[] v = new double[NAMES.length];
            userValues(ranked, len, relevant, numRelevant, k, v);
            add(v, ranked, len);
        }

        /**
         * Adds one user's precomputed {@link #userValues} and marks their list for coverage.
         *
         * @param values the user's metrics, indexed as {@link #NAMES}
         * @param ranked the user's list, best first
         * @param len    its length
         */
        public void add(double[] values, int[] ranked, int len) {
            for (int m = 0; m < sums.length; m++) {
                sums[m] += values[m];
            }
            for (int j = 0; j < len; j++) {
                recommended[ranked[j]] = true;
            }
            users++;
        }

        /** Counts a user who has test ratings but none relevant. */
        public void skip() {
            skipped++;
        }

        /**
         * Adds another accumulator's users into this one (sums, coverage marks and counts).
         *
         * @param o an accumulator with the same k and catalogue size
         * @throws IllegalArgumentException when k or the catalogue size differ
         */
        public void merge(Accumulator o) {
            if (o.k != k || o.recommended.length != recommended.length) {
                throw new IllegalArgumentException("cannot merge accumulators with different k or catalogue");
            }
            for (int m = 0; m < sums.length; m++) {
                sums[m] += o.sums[m];
            }
            for (int i = 0; i < recommended.length; i++) {
                recommended[i] |= o.recommended[i];
            }
            users += o.users;
            skipped += o.skipped;
        }

        /**
         * The means so far.
         *
         * @return the mean metrics (NaN when no user was added) and catalogue coverage
         */
        public Result result() {
            double[] means = new double[NAMES.length];
            for (int m = 0; m < means.length; m++) {
                means[m] = users == 0 ? Double.NaN : sums[m] / users;
            }
            int covered = 0;
            for (boolean b : recommended) {
                if (b) {
                    covered++;
                }
            }
            double coverage = recommended.length == 0 ? Double.NaN : (double) covered / recommended.length;
            return new Result(k, means[PRECISION], means[RECALL], means[NDCG], means[MAP], means[MRR],
                    means[HIT_RATE], coverage, users, skipped);
        }
    }

    /**
     * Mean metrics over the evaluated users.
     *
     * @param k         the cut-off
     * @param precision mean precision@K
     * @param recall    mean recall@K
     * @param ndcg      mean NDCG@K
     * @param map       MAP@K
     * @param mrr       mean reciprocal rank
     * @param hitRate   share of users with a hit
     * @param coverage  share of the catalogue in at least one list
     * @param users     users evaluated
     * @param skipped   users with test ratings but none relevant
     */
    public record Result(int k, double precision, double recall, double ndcg, double map, double mrr, double hitRate,
                         double coverage, long users, long skipped) {
    }
}

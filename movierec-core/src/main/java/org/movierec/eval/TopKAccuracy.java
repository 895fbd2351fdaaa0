package org.movierec.eval;

import java.util.Arrays;

/**
 * The reports' "factorized top-K categorical accuracy" (TensorFlow Recommenders'
 * {@code FactorizedTopK} metric): over all test (user, movie) pairs, the fraction whose movie is among
 * the user's K highest-scored movies of the whole catalogue. Every test rating counts as a positive,
 * whatever its value, as in the reports' retrieval tasks.
 *
 * <p>Two variants are accumulated side by side: {@code topk_accuracy@K}, as the reports compute it,
 * where the movies the user rated in training compete for the K places (and often take them), and
 * {@code topk_accuracy_unseen@K}, where they are excluded first, as a recommender would.
 *
 * <p>The caller passes each user's top {@code max(K)} lists in both variants; the pair's movie is a
 * hit at K when its position in the list is below K. Ties in score are broken towards the lower
 * movie index, exactly as {@link org.movierec.rec.TopK} selects, so the list prefix of length K is
 * the top K. Counts are integers, so merging in any order gives the same result. Not thread-safe:
 * use one accumulator per thread and {@link #merge} them.
 */
public final class TopKAccuracy {
    private final int[] ks;
    private final long[] hitsAll;
    private final long[] hitsUnseen;
    private long pairs;

    /**
     * An empty accumulator.
     *
     * @param ks the cut-offs, at least one, each at least 1 (copied)
     * @throws IllegalArgumentException when there is no cut-off or one is below 1
     */
    public TopKAccuracy(int[] ks) {
        if (ks.length == 0) {
            throw new IllegalArgumentException("at least one K for top-K accuracy");
        }
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("top-K accuracy cut-offs must be >= 1, got " + Arrays.toString(ks));
            }
        }
        this.ks = ks.clone();
        hitsAll = new long[ks.length];
        hitsUnseen = new long[ks.length];
    }

    /**
     * The cut-offs.
     *
     * @return a copy, in the order given
     */
    public int[] ks() {
        return ks.clone();
    }

    /**
     * The largest K.
     *
     * @return how long the lists the positions come from must be (when enough movies exist)
     */
    public int maxK() {
        int m = 0;
        for (int k : ks) {
            m = Math.max(m, k);
        }
        return m;
    }

    /**
     * Adds one test pair given the movie's 0-based position in the user's whole-catalogue list and
     * in the list without training movies.
     *
     * @param positionAll    0-based position in the whole-catalogue top {@link #maxK()}, -1 when not in it
     * @param positionUnseen 0-based position in the top {@link #maxK()} without training movies, -1 when not in it
     */
    public void addPair(int positionAll, int positionUnseen) {
        pairs++;
        for (int j = 0; j < ks.length; j++) {
            if (positionAll >= 0 && positionAll < ks[j]) {
                hitsAll[j]++;
            }
            if (positionUnseen >= 0 && positionUnseen < ks[j]) {
                hitsUnseen[j]++;
            }
        }
    }

    /**
     * Adds another accumulator's counts to this one.
     *
     * @param o an accumulator with the same cut-offs
     * @throws IllegalArgumentException when the cut-offs differ
     */
    public void merge(TopKAccuracy o) {
        if (!Arrays.equals(ks, o.ks)) {
            throw new IllegalArgumentException("cannot merge top-K accuracies with different cut-offs");
        }
        for (int j = 0; j < ks.length; j++) {
            hitsAll[j] += o.hitsAll[j];
            hitsUnseen[j] += o.hitsUnseen[j];
        }
        pairs += o.pairs;
    }

    /**
     * How many test pairs were added.
     *
     * @return the count
     */
    public long pairs() {
        return pairs;
    }

    /**
     * Accuracy over the whole catalogue.
     *
     * @param j an index into {@link #ks()}
     * @return the share of pairs whose movie was in the top {@code ks()[j]}, in [0, 1]; NaN without pairs
     */
    public double accuracy(int j) {
        return pairs == 0 ? Double.NaN : (double) hitsAll[j] / pairs;
    }

    /**
     * Accuracy with the user's training movies excluded.
     *
     * @param j an index into {@link #ks()}
     * @return the share of pairs whose movie was in the unseen top {@code ks()[j]}, in [0, 1]; NaN without pairs
     */
    public double accuracyUnseen(int j) {
        return pairs == 0 ? Double.NaN : (double) hitsUnseen[j] / pairs;
    }
}

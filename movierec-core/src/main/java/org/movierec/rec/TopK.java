package org.movierec.rec;

/**
 * Selects the {@code k} highest scores of an array with a preallocated binary min-heap: O(n log k),
 * no allocation per call. Ties go to the lower index, so results are deterministic. Scores equal
 * to {@link Float#NEGATIVE_INFINITY} or NaN are never selected (that is how exclusions are marked).
 * Not thread-safe: use one instance per thread.
 */
public final class TopK {
    private final int k;
    private final int[] heapItems;
    private final float[] heapScores;

    /**
     * A selector with its heap allocated once.
     *
     * @param k how many items to select, at least 1
     * @throws IllegalArgumentException when {@code k <= 0}
     */
    public TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.k = k;
        heapItems = new int[k];
        heapScores = new float[k];
    }

    /**
     * How many items this selector returns at most.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Writes the best items, best first, into {@code outItems} (and their scores into
     * {@code outScores} when not null).
     *
     * @param scores    one score per item (not modified); -inf and NaN mark excluded items
     * @param outItems  receives item indices, best first; length at least {@code k}
     * @param outScores receives their scores, or null
     * @return how many were found (at most k; fewer when fewer items have a finite score)
     */
    public int select(float[] scores, int[] outItems, float[] outScores) {
        return select(scores, scores.length, outItems, outScores);
    }

    /**
     * {@link #select(float[], int[], float[])} over the first {@code length} scores only.
     *
     * @param scores    at least {@code length} scores (not modified); -inf and NaN mark excluded items
     * @param length    how many of them to consider
     * @param outItems  receives indices below {@code length}, best first; length at least {@code k}
     * @param outScores receives their scores, or null
     * @return how many were found
     */
    public int select(float[] scores, int length, int[] outItems, float[] outScores) {
        if (length < 0 || length > scores.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + scores.length);
        }
        int size = 0;
        int i = 0;
        for (; i < length && size < k; i++) {
            float s = scores[i];
            if (s > Float.NEGATIVE_INFINITY) { // -inf and NaN are excluded
                heapItems[size] = i;
                heapScores[size] = s;
                siftUp(size++);
            }
        }
        // Once the heap is full, an item enters only with a score above the worst kept one: every
        // kept item has a lower index, so it wins ties. One compare with a local per item.
        float worst = size == k ? heapScores[0] : Float.POSITIVE_INFINITY;
        for (; i < length; i++) {
            float s = scores[i];
            if (s > worst) {
                heapItems[0] = i;
                heapScores[0] = s;
                siftDown(0, size);
                worst = heapScores[0];
            }
        }
        // Pop the heap from worst to best into the tail of the output.
        int n = size;
        for (int pos = n - 1; pos >= 0; pos--) {
            outItems[pos] = heapItems[0];
            if (outScores != null) {
                outScores[pos] = heapScores[0];
            }
            size--;
            heapItems[0] = heapItems[size];
            heapScores[0] = heapScores[size];
            siftDown(0, size);
        }
        return n;
    }

    /** True when (ia, sa) ranks below (ib, sb): lower score, or equal score and higher index. */
    private static boolean worse(int ia, float sa, int ib, float sb) {
        return sa < sb || (sa == sb && ia > ib);
    }

    private void siftUp(int pos) {
        int item = heapItems[pos];
        float s = heapScores[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(item, s, heapItems[parent], heapScores[parent])) {
                break;
            }
            heapItems[pos] = heapItems[parent];
            heapScores[pos] = heapScores[parent];
            pos = parent;
        }
        heapItems[pos] = item;
        heapScores[pos] = s;
    }

    private void siftDown(int pos, int size) {
        if (size == 0) {
            return;
        }
        int item = heapItems[pos];
        float s = heapScores[pos];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heapItems[child + 1], heapScores[child + 1], heapItems[child], heapScores[child])) {
                child++;
            }
            if (!worse(heapItems[child], heapScores[child], item, s)) {
                break;
            }
            heapItems[pos] = heapItems[child];
            heapScores[pos] = heapScores[child];
            pos = child;
        }
        heapItems[pos] = item;
        heapScores[pos] = s;
    }
}

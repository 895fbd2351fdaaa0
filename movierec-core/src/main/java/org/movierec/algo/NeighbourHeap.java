package org.movierec.algo;

/**
 * The {@code k} most similar neighbours seen so far, as a min-heap on similarity with one value per
 * neighbour (item-kNN: the rating's residual; user-kNN: the neighbour's centred rating). A newcomer
 * replaces the least similar neighbour only when strictly more similar, so among equal similarities
 * the earlier one stays. Reused per thread: offering allocates nothing. Entries {@code 0..count()-1}
 * are in heap order, not sorted.
 */
final class NeighbourHeap {
    private final int k;
    private final double[] sim;
    private final float[] value;
    private int count;

    NeighbourHeap(int k) {
        this.k = k;
        sim = new double[k];
        value = new float[k];
    }

    void clear() {
        count = 0;
    }

    /** Keeps {@code (s, v)} if fewer than k neighbours are held or {@code s} beats the least similar. */
    void offer(double s, float v) {
        if (count < k) {
            siftUp(count++, s, v);
        } else if (k > 0 && s > sim[0]) {
            siftDown(s, v);
        }
    }

    int count() {
        return count;
    }

    double sim(int j) {
        return sim[j];
    }

    float value(int j) {
        return value[j];
    }

    private void siftUp(int pos, double s, float v) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (sim[parent] <= s) {
                break;
            }
            sim[pos] = sim[parent];
            value[pos] = value[parent];
            pos = parent;
        }
        sim[pos] = s;
        value[pos] = v;
    }

    private void siftDown(double s, float v) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= count) {
                break;
            }
            if (child + 1 < count && sim[child + 1] < sim[child]) {
                child++;
            }
            if (sim[child] >= s) {
                break;
            }
            sim[pos] = sim[child];
            value[pos] = value[child];
            pos = child;
        }
        sim[pos] = s;
        value[pos] = v;
    }
}

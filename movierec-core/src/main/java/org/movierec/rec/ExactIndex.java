package org.movierec.rec;

import java.util.function.IntPredicate;
import org.movierec.math.Kernels;

/**
 * Brute-force {@link CandidateIndex}: scores every item, keeps the top K with {@link TopK}. Exact,
 * O(n * dim) per query; ties go to the lower item index, as everywhere in movierec.
 */
public final class ExactIndex implements CandidateIndex {
    private final float[] vectors;
    private final int n;
    private final int dim;
    private final ThreadLocal<float[]> buffers;

    /**
     * An index over the given vectors.
     *
     * @param vectors {@code n * dim} row-major floats (not copied: the caller must not change them)
     * @param n       the number of items, at least 0
     * @param dim     the vectors' length, at least 1
     * @throws IllegalArgumentException when the array's length is not {@code n * dim}
     */
    public ExactIndex(float[] vectors, int n, int dim) {
        if (n < 0 || dim < 1 || vectors.length != (long) n * dim) {
            throw new IllegalArgumentException("expected " + n + " x " + dim + " vectors, got " + vectors.length
                    + " floats");
        }
        this.vectors = vectors;
        this.n = n;
        this.dim = dim;
        this.buffers = ThreadLocal.withInitial(() -> new float[n]);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public String kind() {
        return "exact";
    }

    @Override
    public int search(float[] query, int k, IntPredicate accept, int[] outItems, float[] outScores) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " entries, index has dimension " + dim);
        }
        float[] buf = buffers.get();
        for (int i = 0; i < n; i++) {
            buf[i] = accept == null || accept.test(i) ? Kernels.dotSerial(query, 0, vectors, i * dim, dim)
                    : Float.NEGATIVE_INFINITY;
        }
        return new TopK(k).select(buf, outItems, outScores);
    }
}

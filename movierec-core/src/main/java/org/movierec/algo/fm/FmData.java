package org.movierec.algo.fm;

import org.movierec.data.Interactions;
import org.movierec.feature.FeatureSpace;

/**
 * The training design matrix of a factorization machine: one sparse row per rating, stored twice,
 * by row (CSR: what the prediction of an example needs) and by column (CSC: what a Gibbs or ALS
 * update of one parameter needs: every example in which its feature is active). Both are built
 * once, before training, so no sweep allocates per example.
 */
final class FmData {
    final int rows;
    final int dimension;
    final float[] target;
    final int[] rowStart;
    final int[] rowIdx;
    final float[] rowVal;
    final int[] colStart;
    final int[] colRow;
    final float[] colVal;

    /**
     * @param withImplicit whether the rows include the implicit block's entries (when the space has
     *                     it); without them, {@link FmImplicit} handles that block per user
     */
    FmData(FeatureSpace space, Interactions in, boolean withImplicit) {
        this.rows = in.size();
        this.dimension = space.dimension();
        this.target = in.ratingsArray().clone();
        int[] idx = new int[space.maxUserNnz() + space.maxMovieNnz()];
        int implicitFrom = space.has(FeatureSpace.Block.IMPLICIT) && !withImplicit
                ? space.offset(FeatureSpace.Block.IMPLICIT) : Integer.MAX_VALUE;
        float[] val = new float[idx.length];
        // Pass 1: row lengths. The user part is the same for all ratings of a user, so count it once.
        rowStart = new int[rows + 1];
        int[] movieNnz = new int[space.numMovies()];
        for (int i = 0; i < movieNnz.length; i++) {
            movieNnz[i] = space.movieFeatures(i, idx, val, 0);
        }
        long total = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            int start = in.userStart(u);
            int end = in.userEnd(u);
            if (start == end) {
                continue;
            }
            int un = userPart(space, u, idx, val, implicitFrom);
            for (int p = start; p < end; p++) {
                total += un + movieNnz[in.item(p)];
                rowStart[p + 1] = (int) Math.min(Integer.MAX_VALUE, total);
            }
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("design matrix has " + total + " non-zeros, more than an int array "
                    + "holds; disable the implicit block");
        }
        int nnz = (int) total;
        rowIdx = new int[nnz];
        rowVal = new float[nnz];
        for (int u = 0; u < in.numUsers(); u++) {
            int start = in.userStart(u);
            int end = in.userEnd(u);
            if (start == end) {
                continue;
            }
            int un = userPart(space, u, idx, val, implicitFrom);
            for (int p = start; p < end; p++) {
                int at = rowStart[p];
                System.arraycopy(idx, 0, rowIdx, at, un);
                System.arraycopy(val, 0, rowVal, at, un);
                space.movieFeatures(in.item(p), rowIdx, rowVal, at + un);
            }
        }
        // Transpose to CSC by counting sort: within a column, rows stay in increasing order.
        colStart = new int[dimension + 1];
        for (int k = 0; k < nnz; k++) {
            colStart[rowIdx[k] + 1]++;
        }
        for (int j = 0; j < dimension; j++) {
            colStart[j + 1] += colStart[j];
        }
        colRow = new int[nnz];
        colVal = new float[nnz];
        int[] next = java.util.Arrays.copyOf(colStart, dimension);
        for (int r = 0; r < rows; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int c = next[rowIdx[k]]++;
                colRow[c] = r;
                colVal[c] = rowVal[k];
            }
        }
    }

    /** The user's features below index {@code limit} (the implicit block comes last in both index and order). */
    private static int userPart(FeatureSpace space, int u, int[] idx, float[] val, int limit) {
        int n = space.userFeatures(u, idx, val, 0);
        while (n > 0 && idx[n - 1] >= limit) {
            n--;
        }
        return n;
    }

    int nnz() {
        return rowIdx.length;
    }

    /** Number of training examples in which feature {@code j} is active. */
    int count(int j) {
        return colStart[j + 1] - colStart[j];
    }
}

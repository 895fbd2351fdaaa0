package org.movierec.split;

import java.util.ArrayList;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.util.Parallel;

/**
 * K-fold cross-validation over ratings: one random permutation of the ratings (seeded) is cut into
 * {@code k} contiguous blocks of sizes differing by at most one; fold {@code f} tests on block
 * {@code f} and trains on the rest. Every rating is tested exactly once across the folds.
 */
public final class KFoldSplit implements Split {
    private final int k;
    private final long seed;

    /**
     * A k-fold split.
     *
     * @param k    the number of folds, at least 2
     * @param seed the permutation's seed
     * @throws IllegalArgumentException when {@code k < 2}
     */
    public KFoldSplit(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "kfold:" + k;
    }

    @Override
    public List<Fold> folds(Dataset data) {
        int n = data.interactions().size();
        if (n < k) {
            throw new IllegalArgumentException("k-fold with k=" + k + " needs at least " + k + " ratings, got " + n);
        }
        int[] perm = Parts.permutation(n, seed);
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            byte[] assign = new byte[n];
            for (int j = Parallel.bound(n, k, f), end = Parallel.bound(n, k, f + 1); j < end; j++) {
                assign[perm[j]] = Parts.TEST;
            }
            out.add(Parts.fold(data, "fold-" + (f + 1) + "/" + k, assign, false));
        }
        return out;
    }
}

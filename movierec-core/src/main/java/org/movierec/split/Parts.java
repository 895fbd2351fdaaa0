package org.movierec.split;

import java.util.SplittableRandom;
import org.movierec.data.Dataset;

/** Helpers shared by the splits: turning a per-rating assignment into ordered position lists. */
final class Parts {
    static final byte TRAIN = 0;
    static final byte VALIDATION = 1;
    static final byte TEST = 2;

    private Parts() {
    }

    /**
     * The positions assigned to each part ({@code assign[p]} in {@code 0..parts-1}), each list in
     * increasing order as {@link org.movierec.data.Interactions#select} requires.
     */
    static int[][] positions(byte[] assign, int parts) {
        int[] counts = new int[parts];
        for (byte a : assign) {
            counts[a]++;
        }
        int[][] out = new int[parts][];
        for (int k = 0; k < parts; k++) {
            out[k] = new int[counts[k]];
        }
        int[] next = new int[parts];
        for (int p = 0; p < assign.length; p++) {
            out[assign[p]][next[assign[p]]++] = p;
        }
        return out;
    }

    /** Builds a fold from a TRAIN / VALIDATION / TEST assignment of the parent's ratings. */
    static Fold fold(Dataset data, String name, byte[] assign, boolean withValidation) {
        int[][] pos = positions(assign, 3);
        if (!withValidation && pos[VALIDATION].length > 0) {
            throw new IllegalStateException("validation ratings assigned in a split without validation");
        }
        Dataset train = data.withInteractions(data.name() + "/" + name + "/train", data.interactions().select(pos[TRAIN]));
        Dataset validation = withValidation
                ? data.withInteractions(data.name() + "/" + name + "/validation",
                        data.interactions().select(pos[VALIDATION]))
                : null;
        Dataset test = data.withInteractions(data.name() + "/" + name + "/test", data.interactions().select(pos[TEST]));
        return new Fold(name, train, validation, test);
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates) drawn from a
     * {@link SplittableRandom} seeded with {@code seed}: the same seed gives the same permutation on
     * every JVM.
     */
    static int[] permutation(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}

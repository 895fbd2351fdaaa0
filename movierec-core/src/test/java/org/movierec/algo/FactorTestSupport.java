package org.movierec.algo;

import java.util.Arrays;
import java.util.function.Supplier;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/** Helpers shared by the factor-model tests. */
final class FactorTestSupport {
    private FactorTestSupport() {
    }

    /** Runs {@code body} with {@link org.movierec.util.Parallel} limited to {@code threads} workers. */
    static <T> T withThreads(int threads, Supplier<T> body) {
        String old = System.getProperty("movierec.threads");
        System.setProperty("movierec.threads", Integer.toString(threads));
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
    }

    /** The items a user rated in {@code d}. */
    static int[] itemsOf(Dataset d, int user) {
        Interactions in = d.interactions();
        return Arrays.copyOfRange(in.itemsArray(), in.userStart(user), in.userEnd(user));
    }

    static float[] ratingsOf(Dataset d, int user) {
        Interactions in = d.interactions();
        return Arrays.copyOfRange(in.ratingsArray(), in.userStart(user), in.userEnd(user));
    }

    /** Index of the highest value among {@code candidates}. */
    static int argmax(float[] scores, int[] candidates) {
        int best = candidates[0];
        for (int c : candidates) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The movies of {@code twoBlocks()}'s block containing {@code user}, minus those the user rated. */
    static int[] unseenInBlock(Dataset d, int user) {
        int block = user < 10 ? 0 : 10;
        int[] seen = itemsOf(d, user);
        return java.util.stream.IntStream.range(block, block + 10)
                .filter(i -> Arrays.stream(seen).noneMatch(s -> s == i)).toArray();
    }
}

package org.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The builder's sort, duplicate policy and parallel sort (same result with one or many threads). */
class InteractionsBuilderTest {
    private static Interactions build(int seed, boolean keepLast) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nu = 300;
        int nm = 200;
        Interactions.Builder b = new Interactions.Builder(nu, nm, 10);
        for (int k = 0; k < 20_000; k++) {
            int u = rnd.nextInt(nu);
            int i = rnd.nextInt(nm);
            b.add(u, i, 1 + rnd.nextInt(5), rnd.nextInt(50));
        }
        return b.build(keepLast);
    }

    @Test
    void sortedByUserThenTimeThenItemWithCsrOffsets() {
        Interactions in = build(1, true);
        for (int p = 1; p < in.size(); p++) {
            int cu = Integer.compare(in.user(p - 1), in.user(p));
            assertThat(cu).isLessThanOrEqualTo(0);
            if (cu == 0) {
                int ct = Long.compare(in.timestamp(p - 1), in.timestamp(p));
                assertThat(ct).isLessThanOrEqualTo(0);
                if (ct == 0) {
                    assertThat(in.item(p - 1)).isLessThan(in.item(p));
                }
            }
        }
        for (int u = 0; u < in.numUsers(); u++) {
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                assertThat(in.user(p)).isEqualTo(u);
            }
        }
    }

    @Test
    void keepLastLeavesOneRatingPerPairAndItIsTheLastAdded() {
        Interactions.Builder b = new Interactions.Builder(2, 3, 4);
        b.add(0, 1, 2f, 10);
        b.add(1, 1, 3f, 11);
        b.add(0, 1, 5f, 5); // later line, earlier timestamp: still the one kept
        Interactions in = b.build(true);
        assertThat(in.size()).isEqualTo(2);
        assertThat(in.rating(0)).isEqualTo(5f);
        assertThat(in.timestamp(0)).isEqualTo(5L);
        Interactions.Builder strict = new Interactions.Builder(2, 3, 4);
        strict.add(0, 1, 2f, 10);
        strict.add(0, 1, 5f, 5);
        Interactions.DuplicateInteractionException e = assertThrows(Interactions.DuplicateInteractionException.class,
                () -> strict.build(false));
        assertThat(e.firstIndex()).isZero();
        assertThat(e.secondIndex()).isEqualTo(1);
    }

    @Test
    void parallelSortEqualsSingleThreaded() {
        String old = System.getProperty("movierec.threads");
        Interactions one;
        try {
            System.setProperty("movierec.threads", "1");
            one = build(2, true);
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
        System.setProperty("movierec.threads", "4");
        Interactions many;
        try {
            many = build(2, true);
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
        assertThat(many.usersArray()).isEqualTo(one.usersArray());
        assertThat(many.itemsArray()).isEqualTo(one.itemsArray());
        assertThat(many.ratingsArray()).isEqualTo(one.ratingsArray());
        assertThat(many.timestampsArray()).isEqualTo(one.timestampsArray());
    }
}

package org.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InteractionsTest {
    private static Interactions.Builder sample() {
        Interactions.Builder b = new Interactions.Builder(3, 4, 2);
        b.add(2, 1, 4f, 50);   // index 0
        b.add(0, 3, 5f, 20);   // index 1
        b.add(0, 1, 3f, 10);   // index 2
        b.add(2, 0, 1f, 50);   // index 3: same time as index 0, lower item -> first
        b.add(0, 2, 2f, 20);   // index 4: same time as index 1, lower item -> first
        return b;
    }

    @Test
    void sortsByUserThenTimeThenItemWithCsrOffsets() {
        Interactions in = sample().build(false);
        assertThat(in.size()).isEqualTo(5);
        assertThat(in.usersArray()).containsExactly(0, 0, 0, 2, 2);
        assertThat(in.itemsArray()).containsExactly(1, 2, 3, 0, 1);
        assertThat(in.timestampsArray()).containsExactly(10, 20, 20, 50, 50);
        assertThat(in.ratingsArray()).containsExactly(3f, 2f, 5f, 1f, 4f);
        assertThat(in.userOffsetsArray()).containsExactly(0, 3, 3, 5);
        assertThat(in.userCount(1)).isZero();
        // mean = (3+2+5+1+4)/5 = 3
        assertThat(in.meanRating()).isEqualTo(3.0);
    }

    @Test
    void itemViewListsEachItemsRatingsInUserOrder() {
        Interactions in = sample().build(false);
        Interactions.ItemView v = in.byItem();
        // item 1 is rated by user 0 (position 0) and user 2 (position 4)
        assertThat(v.itemEnd(1) - v.itemStart(1)).isEqualTo(2);
        assertThat(v.position(v.itemStart(1))).isEqualTo(0);
        assertThat(v.position(v.itemStart(1) + 1)).isEqualTo(4);
        assertThat(in.itemCounts()).containsExactly(1, 2, 1, 1);
    }

    @Test
    void duplicatePairIsAnErrorNamingBothRecords() {
        Interactions.Builder b = sample();
        b.add(0, 3, 1f, 99); // index 5 duplicates index 1
        assertThatThrownBy(() -> b.build(false)).isInstanceOf(Interactions.DuplicateInteractionException.class)
                .satisfies(e -> {
                    Interactions.DuplicateInteractionException d = (Interactions.DuplicateInteractionException) e;
                    assertThat(d.firstIndex()).isEqualTo(1);
                    assertThat(d.secondIndex()).isEqualTo(5);
                });
    }

    @Test
    void keepLastKeepsTheLaterRecordEvenWhenItIsOlderInTime() {
        Interactions.Builder b = sample();
        b.add(0, 3, 1f, 5); // index 5 duplicates index 1 with an earlier timestamp
        Interactions in = b.build(true);
        assertThat(in.size()).isEqualTo(5);
        assertThat(in.itemsArray()).containsExactly(3, 1, 2, 0, 1);
        assertThat(in.ratingsArray()[0]).isEqualTo(1f);
    }

    @Test
    void selectKeepsOrderAndIdSpace() {
        Interactions in = sample().build(false);
        Interactions s = in.select(new int[] {1, 4});
        assertThat(s.numUsers()).isEqualTo(3);
        assertThat(s.numItems()).isEqualTo(4);
        assertThat(s.usersArray()).containsExactly(0, 2);
        assertThat(s.itemsArray()).containsExactly(2, 1);
        assertThatThrownBy(() -> in.select(new int[] {2, 1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRejectsOutOfRangeIds() {
        Interactions.Builder b = new Interactions.Builder(2, 2, 1);
        assertThatThrownBy(() -> b.add(2, 0, 1f, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user 2");
    }

    @Test
    void largeSegmentsSortLikeAReferenceSort() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int n = 5000;
        Interactions.Builder b = new Interactions.Builder(2, n, 10);
        long[][] keys = new long[n][];
        for (int i = 0; i < n; i++) {
            long t = rnd.nextInt(100);
            b.add(i % 2, i, 3f, t);
            keys[i] = new long[] {i % 2, t, i};
        }
        java.util.Arrays.sort(keys, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
                : x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[2], y[2]));
        Interactions in = b.build(false);
        for (int p = 0; p < n; p++) {
            assertThat(in.user(p)).isEqualTo((int) keys[p][0]);
            assertThat(in.timestamp(p)).isEqualTo(keys[p][1]);
            assertThat(in.item(p)).isEqualTo((int) keys[p][2]);
        }
    }

    @Test
    void ofSortedTakesBuiltColumnsAndRejectsDisorderAndDuplicates() {
        Interactions built = sample().build(false);
        Interactions same = Interactions.ofSorted(3, 4, built.usersArray().clone(), built.itemsArray().clone(),
                built.ratingsArray().clone(), built.timestampsArray().clone());
        assertThat(same.userOffsetsArray()).containsExactly(built.userOffsetsArray());
        assertThat(same.itemsArray()).containsExactly(built.itemsArray());
        // Swapping the first two positions of user 0 (times 10 and 20) breaks the order.
        assertThatThrownBy(() -> Interactions.ofSorted(2, 3, new int[] {0, 0}, new int[] {2, 1}, new float[] {1, 1},
                new long[] {20, 10})).hasMessageContaining("position 1");
        // The same item at two different times for one user.
        assertThatThrownBy(() -> Interactions.ofSorted(2, 3, new int[] {0, 0}, new int[] {1, 1}, new float[] {1, 1},
                new long[] {10, 20})).hasMessageContaining("twice");
        assertThatThrownBy(() -> Interactions.ofSorted(2, 3, new int[] {0}, new int[] {3}, new float[] {1},
                new long[] {1})).hasMessageContaining("outside");
    }
}

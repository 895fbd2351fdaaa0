package org.movierec.rec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void picksBestFirstAndBreaksTiesByLowerIndex() {
        float[] s = {0.5f, 2f, Float.NEGATIVE_INFINITY, 2f, Float.NaN, 1f};
        int[] items = new int[3];
        float[] scores = new float[3];
        int n = new TopK(3).select(s, items, scores);
        assertThat(n).isEqualTo(3);
        assertThat(items).containsExactly(1, 3, 5);
        assertThat(scores).containsExactly(2f, 2f, 1f);
    }

    @Test
    void aLengthLimitsTheScoresConsidered() {
        float[] s = {1f, 0.5f, 3f, 9f, 8f}; // the last two are past the length: never selected
        int[] items = new int[2];
        float[] scores = new float[2];
        assertThat(new TopK(2).select(s, 3, items, scores)).isEqualTo(2);
        assertThat(items).containsExactly(2, 0);
        assertThat(scores).containsExactly(3f, 1f);
        assertThat(new TopK(2).select(s, 0, items, null)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TopK(2).select(s, 6, items, null))
                .hasMessageContaining("length 6 outside 0..5");
    }

    @Test
    void returnsFewerWhenFewerAreEligible() {
        float[] s = {Float.NEGATIVE_INFINITY, 3f};
        int[] items = new int[5];
        assertThat(new TopK(5).select(s, items, null)).isEqualTo(1);
        assertThat(items[0]).isEqualTo(1);
    }

    /** The heap agrees with a full sort (score descending, index ascending) for any input. */
    @Property
    void agreesWithFullSort(@ForAll @Size(max = 200) float[] raw, @ForAll @IntRange(min = 1, max = 30) int k) {
        // Coarse values force many ties.
        float[] s = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            s[i] = Float.isNaN(raw[i]) ? Float.NaN : Math.round(raw[i] % 7);
        }
        Integer[] order = IntStream.range(0, s.length).filter(i -> s[i] > Float.NEGATIVE_INFINITY)
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i));
        int[] expected = Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
        int[] items = new int[k];
        TopK top = new TopK(k);
        int n = top.select(s, items, null);
        assertThat(Arrays.copyOf(items, n)).containsExactly(expected);
        // Reuse of the same instance gives the same answer.
        int n2 = top.select(s, items, null);
        assertThat(Arrays.copyOf(items, n2)).containsExactly(expected);
    }
}

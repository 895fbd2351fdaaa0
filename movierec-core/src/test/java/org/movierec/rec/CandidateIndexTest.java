package org.movierec.rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class CandidateIndexTest {
    // Four 2-d items; query (1, 2) scores 1*x + 2*y.
    private static final float[] ITEMS = {
        1, 0,   // 1
        0, 1,   // 2
        3, 1,   // 5
        -1, 4,  // 7
    };

    @Test
    void exactIndexReturnsHandComputedTopK() {
        ExactIndex idx = new ExactIndex(ITEMS, 4, 2);
        int[] items = new int[3];
        float[] scores = new float[3];
        int n = idx.search(new float[] {1, 2}, 3, null, items, scores);
        assertThat(n).isEqualTo(3);
        assertThat(items).containsExactly(3, 2, 1);
        assertThat(scores).containsExactly(7f, 5f, 2f);
    }

    @Test
    void exactIndexHonoursTheFilter() {
        ExactIndex idx = new ExactIndex(ITEMS, 4, 2);
        int[] items = new int[4];
        IntPredicate notThree = i -> i != 3;
        int n = idx.search(new float[] {1, 2}, 4, notThree, items, null);
        assertThat(n).isEqualTo(3);
        assertThat(items).startsWith(2, 1, 0);
    }

    @Test
    void biasAugmentationRanksLikeTheBiasedScore() {
        float[] aug = CandidateIndex.augmentWithBias(ITEMS, new float[] {10, 0, 0, 0}, 4, 2);
        assertThat(aug).hasSize(12);
        ExactIndex idx = new ExactIndex(aug, 4, 3);
        int[] items = new int[1];
        float[] scores = new float[1];
        idx.search(new float[] {1, 2, 1}, 1, null, items, scores);
        assertThat(items[0]).isZero();
        assertThat(scores[0]).isEqualTo(11f);
    }

    @Test
    void exactChoiceIsExactAndAutoBelowThresholdIsExact() {
        assertThat(CandidateIndex.build(CandidateIndex.Choice.EXACT, ITEMS, 4, 2).exact()).isTrue();
        assertThat(CandidateIndex.build(CandidateIndex.Choice.AUTO, ITEMS, 4, 2).kind()).isEqualTo("exact");
    }

    @Test
    void approximateIndexIsRefusedByExactMetrics() {
        CandidateIndex approx = new CandidateIndex() {
            @Override public int size() { return 4; }
            @Override public int dimension() { return 2; }
            @Override public boolean exact() { return false; }
            @Override public String kind() { return "hnsw"; }
            @Override public int search(float[] q, int k, IntPredicate a, int[] o, float[] s) { return 0; }
        };
        assertThatThrownBy(() -> approx.requireExact("evaluate"))
                .isInstanceOf(CandidateIndex.ApproximateIndexException.class)
                .hasMessageContaining("evaluate needs exact top-K")
                .hasMessageContaining("'hnsw'")
                .hasMessageContaining("--index exact");
        new ExactIndex(ITEMS, 4, 2).requireExact("evaluate"); // no exception
    }

    @Test
    void badChoiceNamesTheAllowedValues() {
        assertThatThrownBy(() -> CandidateIndex.Choice.parse("annoy"))
                .hasMessageContaining("auto, exact, hnsw").hasMessageContaining("annoy");
        assertThat(CandidateIndex.Choice.parse(" HNSW ")).isEqualTo(CandidateIndex.Choice.HNSW);
    }

    @Test
    void wrongShapesAreRejected() {
        assertThatThrownBy(() -> new ExactIndex(ITEMS, 3, 2)).hasMessageContaining("3 x 2");
        ExactIndex idx = new ExactIndex(ITEMS, 4, 2);
        assertThatThrownBy(() -> idx.search(new float[3], 1, null, new int[1], null))
                .hasMessageContaining("dimension 2");
    }
}

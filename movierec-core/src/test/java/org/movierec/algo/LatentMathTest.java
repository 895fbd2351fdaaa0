package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatentMathTest {
    @Test
    void ridgeSolvesTheNormalEquationsByHand() {
        // Item rows q0 = (1,0), q1 = (0,2), q2 = (1,1); residuals 1, 2, 3; lambda = 1.
        // A = Q^T Q + I = [[1+0+1+1, 0+0+1], [1, 0+4+1+1]] = [[3,1],[1,6]]; b = Q^T res = (1+3, 4+3) = (4, 7).
        // det = 18 - 1 = 17; p = ((6*4 - 1*7)/17, (3*7 - 1*4)/17) = (1, 1).
        float[] q = {1, 0, 0, 2, 1, 1};
        float[] p = LatentMath.ridge(q, 2, new int[] {0, 1, 2}, new double[] {1, 2, 3}, 1.0);
        assertThat(p[0]).isCloseTo(1f, within(1e-6f));
        assertThat(p[1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void ridgeOnlyUsesTheGivenItems() {
        // Only item 1 = (0,2), residual 4, lambda 4: A = [[4,0],[0,8]], b = (0, 8) -> p = (0, 1).
        float[] q = {1, 0, 0, 2, 1, 1};
        float[] p = LatentMath.ridge(q, 2, new int[] {1}, new double[] {4}, 4.0);
        assertThat(p[0]).isCloseTo(0f, within(1e-6f));
        assertThat(p[1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void cosineIsZeroForRowsWithoutData() {
        // Rows (1,0), (2,0), (0,3), (0,0): cos to row 0 = 1, 1, 0 and 0 for the all-zero row.
        float[] q = {1, 0, 2, 0, 0, 3, 0, 0};
        float[] out = new float[4];
        LatentMath.cosine(q, LatentMath.rowNorms(q, 2), 2, 0, out);
        assertThat(out).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void dotHandlesLengthsThatAreNotMultiplesOfFour() {
        // 1*1 + 2*2 + ... + 7*7 = 140, with the vectors starting at offsets 1 and 0.
        float[] a = {9, 1, 2, 3, 4, 5, 6, 7};
        float[] b = {1, 2, 3, 4, 5, 6, 7};
        assertThat(LatentMath.dot(a, 1, b, 0, 7)).isEqualTo(140f);
    }
}

package org.movierec.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpdInverseTest {
    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void invertsTwoByTwo() {
        // [[4,2],[2,3]]^-1 = 1/(4*3 - 2*2) [[3,-2],[-2,4]] = [[0.375,-0.25],[-0.25,0.5]].
        double[][] inv = SpdInverse.invert(new double[][] {{4, 2}, {2, 3}});
        assertThat(inv[0][0]).isCloseTo(0.375, within(1e-12));
        assertThat(inv[0][1]).isCloseTo(-0.25, within(1e-12));
        assertThat(inv[1][0]).isCloseTo(-0.25, within(1e-12));
        assertThat(inv[1][1]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void choleskyAndInverseOfThreeByThree() {
        // A = [[4,12,-16],[12,37,-43],[-16,-43,98]] = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]].
        // L^-1 by forward substitution: row 0 [1/2,0,0]; row 1: 6/2 + x = 0 -> [-3,1,0];
        // row 2: (-8/2 + 5(-3) + 3x = 0 -> x = 19/3), (5 + 3y = 0 -> y = -5/3), 1/3.
        // A^-1 = L^-T L^-1: (0,0) = 1/4 + 9 + 361/9, (0,1) = -3 - 95/9, (0,2) = 19/9,
        // (1,1) = 1 + 25/9, (1,2) = -5/9, (2,2) = 1/9.
        double[][] a = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};
        double[][] l = copy(a);
        SpdInverse.cholesky(l);
        assertThat(new double[] {l[0][0], l[1][0], l[1][1], l[2][0], l[2][1], l[2][2]})
                .containsExactly(new double[] {2, 6, 1, -8, 5, 3}, within(1e-12));
        double[][] inv = SpdInverse.invert(a);
        double[][] expected = {
            {0.25 + 9 + 361.0 / 9, -3 - 95.0 / 9, 19.0 / 9},
            {-3 - 95.0 / 9, 1 + 25.0 / 9, -5.0 / 9},
            {19.0 / 9, -5.0 / 9, 1.0 / 9}};
        for (int i = 0; i < 3; i++) {
            assertThat(inv[i]).as("row %d", i).containsExactly(expected[i], within(1e-9));
        }
    }

    @Test
    void largeRandomMatrixTimesInverseIsIdentityAndParallelMatchesSerial() {
        // A = R R^T / m + I is SPD; n large enough that the column steps run in parallel.
        int n = 260;
        int m = 300;
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] r = new double[n][m];
        for (double[] row : r) {
            for (int k = 0; k < m; k++) {
                row[k] = rnd.nextDouble() - 0.5;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += r[i][k] * r[j][k];
                }
                a[i][j] = s / m + (i == j ? 1 : 0);
            }
        }
        double[][] parallel = SpdInverse.invert(copy(a), 0);
        double[][] serial = SpdInverse.invert(copy(a), Long.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            assertThat(parallel[i]).as("row %d", i).containsExactly(serial[i]);
            for (int j = 0; j < n; j++) {
                assertThat(parallel[i][j]).isEqualTo(parallel[j][i]);
            }
        }
        for (int i = 0; i < n; i += 37) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i][k] * parallel[k][j];
                }
                assertThat(s).as("(A A^-1)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-10));
            }
        }
    }

    @Test
    void rejectsIndefiniteAndNonSquareMatrices() {
        // [[1,2],[2,1]]: second pivot 1 - 2^2 = -3.
        assertThatThrownBy(() -> SpdInverse.invert(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite (pivot 1");
        assertThatThrownBy(() -> SpdInverse.invert(new double[][] {{1, 2}, {2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not square");
    }
}

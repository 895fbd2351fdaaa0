package org.movierec.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {
    @Test
    void choleskyFactorsAndSolvesTwoByTwo() {
        // A = [[4,2],[2,3]]: r11 = sqrt(4) = 2, r12 = 2/2 = 1, r22 = sqrt(3 - 1^2) = sqrt(2).
        // A^-1 = (1/8) [[3,-2],[-2,4]] (det 12 - 4 = 8), so for b = (2,1): x = (6-2, -4+4)/8 = (0.5, 0).
        double[] a = {4, 2, 2, 3};
        Cholesky.factorUpper(a, 2);
        assertThat(a[0]).isCloseTo(2, within(1e-12));
        assertThat(a[1]).isCloseTo(1, within(1e-12));
        assertThat(a[3]).isCloseTo(Math.sqrt(2), within(1e-12));
        double[] b = {2, 1};
        Cholesky.solveFactored(a, 2, b);
        assertThat(b[0]).isCloseTo(0.5, within(1e-12));
        assertThat(b[1]).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void choleskySolvesThreeByThreeReadingOnlyTheUpperTriangle() {
        // A = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]] gives A = [[4,12,-16],[12,37,-43],[-16,-43,98]].
        // b = A (1,2,3) = (4+24-48, 12+74-129, -16-86+294) = (-20, -43, 192).
        // The lower triangle is filled with garbage to show it is never read.
        double[] a = {4, 12, -16, 999, 37, -43, 999, 999, 98};
        double[] b = {-20, -43, 192};
        Cholesky.solve(a, 3, b);
        assertThat(b).containsExactly(new double[] {1, 2, 3}, within(1e-10));
        // R = L^T on the upper triangle.
        assertThat(new double[] {a[0], a[1], a[2], a[4], a[5], a[8]})
                .containsExactly(new double[] {2, 6, -8, 1, 5, 3}, within(1e-12));
    }

    @Test
    void choleskyRejectsIndefiniteMatrix() {
        // [[1,2],[2,1]] has eigenvalues 3 and -1; the second pivot is 1 - 2^2 = -3.
        assertThatThrownBy(() -> Cholesky.factorUpper(new double[] {1, 2, 2, 1}, 2))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("pivot 1");
    }

    @Test
    void conjugateGradientIsExactInNStepsOnTwoByTwo() {
        // A = [[4,1],[1,3]], b = (1,2): A^-1 = (1/11) [[3,-1],[-1,4]], x = (3-2, -1+8)/11 = (1/11, 7/11).
        double[] x = {0, 0};
        ConjugateGradient cg = new ConjugateGradient(2);
        ConjugateGradient.Operator op = (v, out) -> {
            out[0] = 4 * v[0] + v[1];
            out[1] = v[0] + 3 * v[1];
        };
        double rr = cg.solve(op, new double[] {1, 2}, x, 2, 0);
        assertThat(x).containsExactly(new double[] {1.0 / 11, 7.0 / 11}, within(1e-12));
        assertThat(rr).isLessThan(1e-20);
    }

    @Test
    void conjugateGradientOneStepIsSteepestDescent() {
        // From x0 = 0 on A = [[4,1],[1,3]], b = (1,2): r0 = b, A r0 = (6, 7), r0.r0 = 5, r0.A r0 = 6 + 14 = 20,
        // step 5/20 = 0.25, so x1 = (0.25, 0.5).
        double[] x = {0, 0};
        new ConjugateGradient(2).solve((v, out) -> {
            out[0] = 4 * v[0] + v[1];
            out[1] = v[0] + 3 * v[1];
        }, new double[] {1, 2}, x, 1, 0);
        assertThat(x).containsExactly(new double[] {0.25, 0.5}, within(1e-12));
    }

    @Test
    void conjugateGradientMatchesCholeskyOnRandomSpdSystems() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : new int[] {1, 3, 8, 17}) {
            double[] m = new double[n * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = rnd.nextDouble() - 0.5;
            }
            double[] a = new double[n * n]; // M^T M + I
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 1 : 0;
                    for (int t = 0; t < n; t++) {
                        s += m[t * n + i] * m[t * n + j];
                    }
                    a[i * n + j] = s;
                }
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rnd.nextDouble();
            }
            double[] exact = b.clone();
            Cholesky.solve(a.clone(), n, exact);
            double[] x = new double[n];
            new ConjugateGradient(n).solve((v, out) -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Kernels.dot(a, i * n, v, 0, n);
                }
            }, b, x, 3 * n, 0);
            assertThat(x).as("n=%d", n).containsExactly(exact, within(1e-8));
        }
    }

    @Test
    void rank1UpperTouchesOnlyTheUpperTriangle() {
        // x = (1,2,3), w = 2: 2 x x^T = [[2,4,6],[4,8,12],[6,12,18]]; upper triangle added to 1s.
        float[] g = new float[9];
        java.util.Arrays.fill(g, 1f);
        Kernels.rank1Upper(g, new float[] {1, 2, 3}, 2f, 3);
        assertThat(g).containsExactly(3, 5, 7, 1, 9, 13, 1, 1, 19);
        double[] d = {1, 2, 3, 0, 4, 5, 0, 0, 6};
        Kernels.mirrorUpper(d, 3);
        assertThat(d).containsExactly(1, 2, 3, 2, 4, 5, 3, 5, 6);
    }

    @Test
    void rank4UpperEqualsFourRank1Updates() {
        // Rows (1,0), (0,1), (1,1), (2,-1): sum x x^T = [[1,0],[0,0]] + [[0,0],[0,1]] + [[1,1],[1,1]]
        // + [[4,-2],[-2,1]] = [[6,-1],[-1,3]]; upper triangle (6, -1, _, 3), lower untouched (0).
        float[] g = new float[4];
        Kernels.rank4Upper(g, new float[] {1, 0, 0, 1, 1, 1, 2, -1}, 2);
        assertThat(g).containsExactly(6, -1, 0, 3);
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 13;
        float[] rows = new float[4 * n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) rnd.nextGaussian();
        }
        float[] g4 = new float[n * n];
        float[] g1 = new float[n * n];
        Kernels.rank4Upper(g4, rows, n);
        for (int r = 0; r < 4; r++) {
            Kernels.rank1Upper(g1, java.util.Arrays.copyOfRange(rows, r * n, r * n + n), 1f, n);
        }
        assertThat(g4).containsExactly(g1, within(1e-5f));
    }

    @Test
    void dotAndAxpyUseOffsets() {
        // (1,2) . (3,4) = 3 + 8 = 11, read from offsets 1 and 2.
        float[] a = {9, 1, 2};
        float[] b = {9, 9, 3, 4};
        assertThat(Kernels.dotWide(a, 1, b, 2, 2)).isEqualTo(11.0);
        assertThat(Kernels.dotSerial(a, 1, b, 2, 2)).isEqualTo(11f);
        double[] y = {1, 1};
        Kernels.axpy(2.0, a, 1, y, 0, 2); // y + 2 (1,2) = (3, 5)
        assertThat(y).containsExactly(3, 5);
        float[] fy = {0, 1, 1};
        Kernels.axpy(-1f, b, 2, fy, 1, 2); // (1,1) - (3,4) = (-2,-3)
        assertThat(fy).containsExactly(0, -2, -3);
        assertThat(Kernels.norm(new float[] {3, 4}, 0, 2)).isEqualTo(5.0);
    }
}

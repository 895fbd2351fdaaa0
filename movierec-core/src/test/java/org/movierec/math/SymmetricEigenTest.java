package org.movierec.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    /** A = B^T B for a random rows x n B, plus {@code shift} on the diagonal. */
    static double[] gram(int rows, int n, long seed) {
        Random r = new Random(seed);
        double[] b = new double[rows * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian() * (1 + (i % n)); // columns of different scales: a spread spectrum
        }
        double[] a = new double[n * n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += b[i * n + x] * b[i * n + y];
                }
                a[x * n + y] = s;
            }
        }
        return a;
    }

    static void assertDecomposes(double[] a, int n) {
        SymmetricEigen e = SymmetricEigen.of(a, n);
        double[] values = e.values();
        double scale = 0;
        for (double x : a) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int r = 0; r < n; r++) {
            if (r > 0) {
                assertThat(values[r]).isLessThanOrEqualTo(values[r - 1]);
            }
            double[] v = e.vector(r);
            for (int i = 0; i < n; i++) { // A v = lambda v
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i * n + j] * v[j];
                }
                assertThat(av).as("row %d of A v_%d", i, r).isCloseTo(values[r] * v[i], within(1e-10 * scale * n));
            }
            for (int s = 0; s <= r; s++) { // orthonormal
                double dot = 0;
                double[] w = e.vector(s);
                for (int i = 0; i < n; i++) {
                    dot += v[i] * w[i];
                }
                assertThat(dot).as("v_%d . v_%d", r, s).isCloseTo(r == s ? 1 : 0, within(1e-12));
            }
        }
        double trace = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
            sum += values[i];
        }
        assertThat(sum).isCloseTo(trace, within(1e-10 * Math.abs(trace)));
    }

    @Test
    void decomposesGramMatricesOfSeveralSizes() {
        assertDecomposes(gram(50, 5, 1), 5);
        assertDecomposes(gram(500, 64, 2), 64);
        assertDecomposes(gram(20, 40, 3), 40); // rank 20: 20 zero eigenvalues
    }

    @Test
    void knownSpectrumAndRepeatedValues() {
        // [[2, 1], [1, 2]]: 3 along (1, 1), 1 along (1, -1).
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertThat(e.values()).containsExactly(new double[] {3, 1}, within(1e-14));
        assertThat(Math.abs(e.vector(0)[0])).isCloseTo(Math.sqrt(0.5), within(1e-14));
        assertThat(e.vector(0)[0] * e.vector(0)[1]).isPositive();
        assertDecomposes(new double[] {4, 0, 0, 0, 4, 0, 0, 0, 1}, 3);
        assertThat(SymmetricEigen.of(new double[0], 0).values()).isEmpty();
    }

    @Test
    void refusesWhatItCannotDecompose() {
        assertThatThrownBy(() -> SymmetricEigen.of(new double[] {1, 2, 3, 4}, 2))
                .hasMessageContaining("not symmetric at (0, 1)");
        assertThatThrownBy(() -> SymmetricEigen.of(new double[] {1, 2, 3}, 2)).hasMessageContaining("2 x 2");
        assertThatThrownBy(() -> SymmetricEigen.of(new double[] {Double.NaN}, 1)).hasMessageContaining("NaN");
    }
}

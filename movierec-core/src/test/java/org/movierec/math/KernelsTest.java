package org.movierec.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.movierec.math.Kernels.Summation;

/**
 * The fast kernels against plain references over every size from 0 to 300, odd sizes and offsets
 * included (after Lucene's VectorUtil tests): batched products must equal the single dot product
 * of their order bit for bit, and each order must stay within the float error bound of the exact
 * (double) sum.
 */
class KernelsTest {
    private static final int MAX = 300;

    /** Values of mixed sign and magnitude (1e-3 .. 1e3), so that rounding differences show up. */
    private static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int x = 0; x < n; x++) {
            a[x] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 4)));
        }
        return a;
    }

    /** The exact dot product: float products are exact in double, and the double sum is the reference. */
    private static double exact(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += (double) a[ao + f] * b[bo + f];
        }
        return s;
    }

    private static double absSum(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += Math.abs((double) a[ao + f] * b[bo + f]);
        }
        return s;
    }

    /**
     * The {@link Summation#LANES} order written out independently of {@link Kernels#dot}: element f of
     * the whole multiples of four goes to lane f mod 4, the remainder to lane 0.
     */
    private static float lanesByDefinition(float[] a, int ao, float[] b, int bo, int n) {
        float[] lane = new float[4];
        int whole = n / 4 * 4;
        for (int f = 0; f < n; f++) {
            lane[f < whole ? f % 4 : 0] += a[ao + f] * b[bo + f];
        }
        return (lane[0] + lane[1]) + (lane[2] + lane[3]);
    }

    private static void checkDot(float[] a, int ao, float[] b, int bo, int n) {
        double ref = exact(a, ao, b, bo, n);
        // Float summation of n rounded products: |error| <= (n + 1) u sum |a_f b_f| (u = 2^-24), with
        // a little slack for the second-order term.
        double bound = 1.01 * (n + 1) * Math.ulp(1f) / 2 * absSum(a, ao, b, bo, n);
        float lanes = Kernels.dot(a, ao, b, bo, n);
        float serial = Kernels.dotSerial(a, ao, b, bo, n);
        assertThat(Math.abs(lanes - ref)).as("lanes n=%d ao=%d bo=%d", n, ao, bo).isLessThanOrEqualTo(bound);
        assertThat(Math.abs(serial - ref)).as("serial n=%d ao=%d bo=%d", n, ao, bo).isLessThanOrEqualTo(bound);
        assertThat(Float.floatToIntBits(lanes)).as("lanes order n=%d", n)
                .isEqualTo(Float.floatToIntBits(lanesByDefinition(a, ao, b, bo, n)));
        assertThat(Kernels.dot(Summation.LANES, a, ao, b, bo, n)).isEqualTo(lanes);
        assertThat(Kernels.dot(Summation.SERIAL, a, ao, b, bo, n)).isEqualTo(serial);
        // dotWide: products rounded to float (u each), summed in double.
        double wide = Kernels.dotWide(a, ao, b, bo, n);
        assertThat(Math.abs(wide - ref)).as("wide n=%d", n)
                .isLessThanOrEqualTo(1.01 * Math.ulp(1f) / 2 * absSum(a, ao, b, bo, n) + 1e-300);
    }

    @Test
    void dotProductsStayWithinTheFloatErrorBoundAtEverySize() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n = 0; n <= MAX; n++) {
            for (int ao : new int[] {0, 1, 3}) {
                for (int bo : new int[] {0, 2}) {
                    float[] a = random(rnd, ao + n + 1);
                    float[] b = random(rnd, bo + n + 1);
                    checkDot(a, ao, b, bo, n);
                }
            }
        }
    }

    @Property(tries = 300)
    void dotProductsOnRandomSizesAndOffsets(@ForAll @IntRange(max = MAX) int n, @ForAll @IntRange(max = 7) int ao,
                                            @ForAll @IntRange(max = 7) int bo, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        checkDot(random(rnd, ao + n), ao, random(rnd, bo + n), bo, n);
    }

    @Test
    void lanesAndSerialSumInTheirStatedOrder() {
        // Products 1e8, 1, -1e8, 1 (float: 1e8 + 1 rounds back to 1e8, the spacing there is 8).
        // SERIAL: ((1e8 + 1) - 1e8) + 1 = (1e8 - 1e8) + 1 = 1.
        // LANES: lanes (1e8, 1, -1e8, 1): (1e8 + 1) + (-1e8 + 1) = 1e8 + (-1e8) = 0.
        float[] a = {1e8f, 1, -1e8f, 1};
        float[] one = {1, 1, 1, 1};
        assertThat(Kernels.dotSerial(a, 0, one, 0, 4)).isEqualTo(1f);
        assertThat(Kernels.dot(a, 0, one, 0, 4)).isEqualTo(0f);
        // The exact answer is 2; dotWide sums in double.
        assertThat(Kernels.dotWide(a, 0, one, 0, 4)).isEqualTo(2.0);
    }

    @Test
    void gemvEqualsOneDotPerRowBitForBit() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n = 0; n <= MAX; n += n < 20 ? 1 : 7) {
            for (int rows = 0; rows <= 9; rows++) {
                for (Summation order : Summation.values()) {
                    int mo = rnd.nextInt(4);
                    int xo = rnd.nextInt(4);
                    int yo = rnd.nextInt(4);
                    float[] m = random(rnd, mo + rows * n);
                    float[] x = random(rnd, xo + n);
                    float[] y = new float[yo + rows + 2];
                    Arrays.fill(y, Float.NaN);
                    Kernels.gemv(order, m, mo, rows, n, x, xo, y, yo);
                    for (int r = 0; r < rows; r++) {
                        assertThat(Float.floatToIntBits(y[yo + r])).as("%s n=%d rows=%d r=%d", order, n, rows, r)
                                .isEqualTo(Float.floatToIntBits(Kernels.dot(order, m, mo + r * n, x, xo, n)));
                    }
                    for (int t = 0; t < y.length; t++) {
                        if (t < yo || t >= yo + rows) {
                            assertThat(y[t]).as("untouched y[%d]", t).isNaN();
                        }
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void gemmEqualsOneDotPerEntryBitForBit(@ForAll @IntRange(max = 5) int aRows,
                                           @ForAll @IntRange(max = 150) int bRows,
                                           @ForAll @IntRange(max = 40) int n, @ForAll boolean lanes,
                                           @ForAll long seed) {
        // bRows up to 150 crosses the 64-row tiles of gemm.
        Summation order = lanes ? Summation.LANES : Summation.SERIAL;
        SplittableRandom rnd = new SplittableRandom(seed);
        int ao = rnd.nextInt(3);
        int bo = rnd.nextInt(3);
        int co = rnd.nextInt(3);
        float[] a = random(rnd, ao + aRows * n);
        float[] b = random(rnd, bo + bRows * n);
        float[] c = new float[co + aRows * bRows];
        Kernels.gemm(order, a, ao, aRows, b, bo, bRows, n, c, co);
        for (int r = 0; r < aRows; r++) {
            for (int j = 0; j < bRows; j++) {
                assertThat(Float.floatToIntBits(c[co + r * bRows + j])).as("%s r=%d j=%d", order, r, j)
                        .isEqualTo(Float.floatToIntBits(Kernels.dot(order, a, ao + r * n, b, bo + j * n, n)));
            }
        }
    }

    @Property(tries = 120)
    void itemMajorGemmEqualsOneDotPerEntryBitForBit(@ForAll @IntRange(max = 9) int aRows,
                                                    @ForAll @IntRange(max = 2100) int bCols,
                                                    @ForAll @IntRange(max = 40) int n, @ForAll boolean lanes,
                                                    @ForAll long seed) {
        // aRows up to 9: pairs of rows and the odd one left; bCols up to 2100 crosses two 1024-item tiles;
        // n from 0 covers every LANES remainder.
        Summation order = lanes ? Summation.LANES : Summation.SERIAL;
        SplittableRandom rnd = new SplittableRandom(seed);
        int ao = rnd.nextInt(3);
        float[] a = random(rnd, ao + aRows * n);
        float[] b = random(rnd, bCols * n);
        float[][] c = new float[aRows][bCols];
        Kernels.gemmItemMajor(order, a, ao, aRows, Kernels.ItemMajor.of(b, 0, bCols, n), c);
        for (int r = 0; r < aRows; r++) {
            for (int j = 0; j < bCols; j++) {
                int expected = Float.floatToIntBits(Kernels.dot(order, a, ao + r * n, b, j * n, n));
                if (Float.floatToIntBits(c[r][j]) != expected) { // one assertion per mismatch keeps 10^6 checks fast
                    assertThat(Float.floatToIntBits(c[r][j])).as("%s r=%d j=%d n=%d", order, r, j, n)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void itemMajorGemmByHand() {
        // A = [[1,2],[3,4]], B rows (items) = (1,0), (0,1), (1,1): A B^T = [[1,2,3],[3,4,7]].
        float[] a = {1, 2, 3, 4};
        Kernels.ItemMajor b = Kernels.ItemMajor.of(new float[] {1, 0, 0, 1, 1, 1}, 0, 3, 2);
        assertThat(b.items()).isEqualTo(3);
        assertThat(b.dims()).isEqualTo(2);
        float[][] c = new float[2][3];
        Kernels.gemmItemMajor(Summation.LANES, a, 0, 2, b, c);
        assertThat(c[0]).containsExactly(1, 2, 3);
        assertThat(c[1]).containsExactly(3, 4, 7);
        assertThatThrownBy(() -> Kernels.gemmItemMajor(Summation.SERIAL, a, 1, 2, b, c))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kernels.ItemMajor.of(new float[5], 0, 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void denseLayerProductsByHand() {
        // A = [[1,2],[0,3]] (2x2), B = [[1,0,2],[4,1,0]] (2x3): A B = [[9,2,2],[12,3,0]].
        float[] a = {1, 2, 0, 3};
        float[] b = {1, 0, 2, 4, 1, 0};
        float[] c = new float[6];
        Kernels.matmul(a, b, c, 2, 2, 3, false);
        assertThat(c).containsExactly(9, 2, 2, 12, 3, 0);
        Kernels.matmul(a, b, c, 2, 2, 3, true);
        assertThat(c).containsExactly(18, 4, 4, 24, 6, 0);
        // A^T B with A = [[1,2],[0,3]]: A^T = [[1,0],[2,3]]; A^T B = [[1,0,2],[14,3,4]].
        Kernels.matmulTA(a, b, c, 2, 2, 3, false);
        assertThat(c).containsExactly(1, 0, 2, 14, 3, 4);
        // A B^T with B = [[1,0],[2,4],[1,1]] (3x2): [[1,10,3],[0,12,3]].
        float[] bt = {1, 0, 2, 4, 1, 1};
        Kernels.matmulTB(a, bt, c, 2, 2, 3, false);
        assertThat(c).containsExactly(1, 10, 3, 0, 12, 3);
        Kernels.addRow(c, new float[] {1, 1, 1}, 2, 3);
        assertThat(c).containsExactly(2, 11, 4, 1, 13, 4);
        float[] g = new float[3];
        Kernels.sumRows(c, g, 2, 3);
        assertThat(g).containsExactly(3, 24, 8);
    }

    @Property(tries = 60)
    void denseLayerProductsMatchADoubleReferenceAndDoNotDependOnThreads(@ForAll @IntRange(min = 1, max = 70) int m,
                                                                         @ForAll @IntRange(min = 1, max = 130) int k,
                                                                         @ForAll @IntRange(min = 1, max = 150) int n,
                                                                         @ForAll long seed) {
        // Sizes up to 70 x 130 x 150 cross PARALLEL_MIN_FLOPS (2^20), so both the pooled and the
        // calling-thread paths run; each must give the bits of a one-thread run.
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] at = Kernels.transpose(a, m, k);
        float[] bt = Kernels.transpose(b, k, n);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        float[] c3 = new float[m * n];
        Kernels.matmul(a, b, c1, m, k, n, false);
        Kernels.matmulTA(at, b, c2, m, k, n, false);
        Kernels.matmulTB(a, bt, c3, m, k, n, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double ref = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    ref += (double) a[i * k + p] * b[p * n + j];
                    abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                double tol = 2 * k * Math.ulp(1f) * abs + 1e-30;
                assertThat((double) c1[i * n + j]).isCloseTo(ref, org.assertj.core.api.Assertions.within(tol));
                assertThat((double) c2[i * n + j]).isCloseTo(ref, org.assertj.core.api.Assertions.within(tol));
                assertThat((double) c3[i * n + j]).isCloseTo(ref, org.assertj.core.api.Assertions.within(tol));
            }
        }
        // matmul and matmulTA sum the same terms in the same order.
        assertThat(c2).containsExactly(c1);
        float[] one = new float[m * n];
        org.movierec.util.Parallel.withExecutor(Runnable::run, () -> Kernels.matmul(a, b, one, m, k, n, false));
        assertThat(one).containsExactly(c1);
    }

    /**
     * The dense-layer products give the bits of the plain loop {@code c[i][j] += a_ip * b[p][j]} over
     * the non-zero {@code a_ip} in increasing {@code p} (their reference order), with zeros in
     * {@code A}, accumulating or not, on any number of threads.
     */
    @Property(tries = 80)
    void denseLayerProductsEqualThePlainLoopBitForBit(@ForAll @IntRange(min = 1, max = 40) int m,
                                                      @ForAll @IntRange(min = 1, max = 140) int k,
                                                      @ForAll @IntRange(min = 1, max = 120) int n,
                                                      @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = random(rnd, m * k);
        for (int i = 0; i < a.length; i++) {
            if (rnd.nextInt(3) == 0) {
                a[i] = 0f; // one-hot inputs are mostly zeros
            }
        }
        float[] b = random(rnd, k * n);
        float[] start = random(rnd, m * n);
        float[] expected = plainProduct(a, b, start, m, k, n, accumulate);
        float[] c1 = start.clone();
        Kernels.matmul(a, b, c1, m, k, n, accumulate);
        float[] c2 = start.clone();
        Kernels.matmulTA(Kernels.transpose(a, m, k), b, c2, m, k, n, accumulate);
        float[] c3 = start.clone();
        org.movierec.util.Parallel.withExecutor(Runnable::run, () -> Kernels.matmul(a, b, c3, m, k, n, accumulate));
        for (int e = 0; e < expected.length; e++) {
            int bits = Float.floatToIntBits(expected[e]);
            if (Float.floatToIntBits(c1[e]) != bits || Float.floatToIntBits(c2[e]) != bits
                    || Float.floatToIntBits(c3[e]) != bits) {
                assertThat(new float[] {c1[e], c2[e], c3[e]}).as("entry %d of %d x %d", e, m, n)
                        .containsExactly(expected[e], expected[e], expected[e]);
            }
        }
        // A B^T: each entry one LANES dot of a row of A and a row of B (here B^T's rows, k long).
        float[] bt = Kernels.transpose(b, k, n);
        float[] c4 = start.clone();
        Kernels.matmulTB(a, bt, c4, m, k, n, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float d = Kernels.dot(Summation.LANES, a, i * k, bt, j * k, k);
                float want = accumulate ? start[i * n + j] + d : d;
                if (Float.floatToIntBits(c4[i * n + j]) != Float.floatToIntBits(want)) {
                    assertThat(c4[i * n + j]).as("A B^T entry %d,%d of %d x %d, k=%d", i, j, m, n, k).isEqualTo(want);
                }
            }
        }
    }

    /** {@code C (+)= A B} as the plain loop adds it: terms with {@code A[i][p] == 0} skipped. */
    private static float[] plainProduct(float[] a, float[] b, float[] start, int m, int k, int n, boolean accumulate) {
        float[] expected = accumulate ? start.clone() : new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float s = a[i * k + p];
                if (s != 0f) {
                    for (int j = 0; j < n; j++) {
                        expected[i * n + j] += s * b[p * n + j];
                    }
                }
            }
        }
        return expected;
    }

    @Test
    void productsOfALayerWithOneOutputEqualThePlainLoopBitForBit() {
        // n = 1 (and k = 1 for A B^T) take their own loops. They add the zero terms instead of skipping
        // them, which keeps the bits except on a running sum of -0 or a non-finite b; those cases must
        // fall back, so the starts include -0 and b an infinity.
        SplittableRandom rnd = new SplittableRandom(7);
        for (int m : new int[] {1, 3, 4, 5, 9, 64, 257}) {
            for (int k : new int[] {1, 2, 7, 100}) {
                for (int variant = 0; variant < 3; variant++) {
                    float[] a = random(rnd, m * k);
                    for (int i = 0; i < a.length; i++) {
                        if (rnd.nextInt(2) == 0) {
                            a[i] = rnd.nextBoolean() ? 0f : -0f; // ReLU outputs: half are zero
                        }
                    }
                    float[] b = random(rnd, k);
                    float[] start = random(rnd, m);
                    if (variant == 1) {
                        start[m / 2] = -0f;
                    } else if (variant == 2) {
                        b[k - 1] = Float.NEGATIVE_INFINITY;
                    }
                    for (boolean accumulate : new boolean[] {false, true}) {
                        String what = m + " x " + k + " x 1, variant " + variant + ", accumulate " + accumulate;
                        float[] expected = plainProduct(a, b, start, m, k, 1, accumulate);
                        float[] c1 = start.clone();
                        Kernels.matmul(a, b, c1, m, k, 1, accumulate);
                        float[] c2 = start.clone();
                        Kernels.matmulTA(Kernels.transpose(a, m, k), b, c2, m, k, 1, accumulate);
                        for (int i = 0; i < m; i++) {
                            assertThat(Float.floatToIntBits(c1[i])).as("A b, %s, row %d", what, i)
                                    .isEqualTo(Float.floatToIntBits(expected[i]));
                            assertThat(Float.floatToIntBits(c2[i])).as("A^T b, %s, row %d", what, i)
                                    .isEqualTo(Float.floatToIntBits(expected[i]));
                        }
                    }
                }
            }
            // A B^T with k = 1: an outer product, each entry a one-term LANES dot (which maps -0 to +0).
            for (int n : new int[] {1, 3, 8, 100}) {
                float[] a = random(rnd, m);
                a[0] = -0f;
                float[] b = random(rnd, n);
                b[n - 1] = 0f;
                float[] start = random(rnd, m * n);
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c = start.clone();
                    Kernels.matmulTB(a, b, c, m, 1, n, accumulate);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float d = Kernels.dot(Summation.LANES, a, i, b, j, 1);
                            float want = accumulate ? start[i * n + j] + d : d;
                            assertThat(Float.floatToIntBits(c[i * n + j]))
                                    .as("a b^T entry %d,%d of %d x %d, accumulate %s", i, j, m, n, accumulate)
                                    .isEqualTo(Float.floatToIntBits(want));
                        }
                    }
                }
            }
        }
    }

    @Test
    void gemvByHand() {
        // M = [[1,2],[3,4],[5,6]], x = (1,-1): M x = (-1, -1, -1); written from y[1].
        float[] m = {1, 2, 3, 4, 5, 6};
        float[] y = new float[4];
        Kernels.gemv(Summation.LANES, m, 0, 3, 2, new float[] {1, -1}, 0, y, 1);
        assertThat(y).containsExactly(0, -1, -1, -1);
        Kernels.gemv(Summation.SERIAL, m, 2, 2, 2, new float[] {0, 2, 1}, 1, y, 0);
        // rows (3,4), (5,6) against (2,1): 10, 16.
        assertThat(y).containsExactly(10, 16, -1, -1);
    }

    @Test
    void doubleDotsAxpyScaleAndNorms() {
        double[] d = {9, 1, 2, 3};
        float[] f = {7, 4, 5, 6};
        // (1,2,3) . (4,5,6) = 4 + 10 + 18 = 32
        assertThat(Kernels.dot(d, 1, f, 1, 3)).isEqualTo(32.0);
        assertThat(Kernels.dot(d, 1, new double[] {4, 5, 6}, 0, 3)).isEqualTo(32.0);
        double[] y = {0, 1, 1, 1};
        Kernels.axpy(0.5, f, 1, y, 1, 3); // (1,1,1) + 0.5 (4,5,6) = (3, 3.5, 4)
        assertThat(y).containsExactly(0, 3, 3.5, 4);
        Kernels.axpy(-1.0, d, 1, y, 1, 3); // (3,3.5,4) - (1,2,3) = (2, 1.5, 1)
        assertThat(y).containsExactly(0, 2, 1.5, 1);
        float[] s = {1, 2, 3};
        Kernels.scale(2f, s, 1, 2);
        assertThat(s).containsExactly(1, 4, 6);
        assertThat(Kernels.add(new float[] {1, 2}, new float[] {3, 5})).containsExactly(4, 7);
        assertThatThrownBy(() -> Kernels.add(new float[1], new float[2])).hasMessageContaining("1 vs 2");
        // rows (3,4) and (0,0): norms 5 and 0.
        assertThat(Kernels.rowNorms(new float[] {3, 4, 0, 0}, 2)).containsExactly(5f, 0f);
    }
}

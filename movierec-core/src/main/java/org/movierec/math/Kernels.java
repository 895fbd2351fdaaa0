package org.movierec.math;

/**
 * The numeric kernels of movierec, in one place: dot products, {@code axpy}, matrix-vector and
 * matrix-matrix products over flat row-major arrays, row norms and the symmetric rank-k updates of
 * the ALS solvers. A matrix of {@code rows x n} is one array, row {@code r} starting at
 * {@code offset + r * n}, so that a row is one contiguous run and no per-row object exists.
 *
 * <p><b>Summation order is part of the result.</b> Java never reorders or fuses floating-point
 * operations, so every kernel here states how it sums, and a fast variant either keeps the order of
 * its reference exactly (then it is tested bit for bit against it) or has its own documented order
 * (then it is tested against a double-precision reference within the float error bound). Two float
 * orders exist ({@link Summation}): {@link Summation#LANES} (four interleaved partial sums) and
 * {@link Summation#SERIAL} (one running sum, the plain scalar loop). Models saved by older versions
 * keep the order they were scored with, so that a model file gives the same scores bit for bit.
 *
 * <p><b>Why the loops look like this.</b> A single running float sum serializes every add on the
 * previous one (about 4 cycles each), and the JIT may not reorder it into SIMD lanes. Four
 * independent partial sums let four adds overlap ({@link #dot}, about 2x at k=100). The batched
 * products ({@link #gemv}, {@link #gemm}) go further without changing any row's arithmetic: they
 * compute several rows at once, each with its own accumulators in its row's own order, which both
 * overlaps the dependency chains and loads each element of {@code x} once for several rows. No
 * {@code jdk.incubator.vector}: it needs extra JVM flags in every launcher and test run.
 *
 * <p>The neural engine's dense layers use the {@code matmul} family here too; so there is one set of
 * kernels for classic and neural models.
 */
public final class Kernels {
    private Kernels() {
    }

    /** How a float dot product is accumulated. */
    public enum Summation {
        /**
         * Four partial sums {@code s_l = sum_{f = l mod 4} a_f b_f} over the whole multiples of four,
         * the remainder added to {@code s_0}, then {@code (s_0 + s_1) + (s_2 + s_3)}: {@link #dot}.
         */
        LANES,
        /** One running sum {@code ((a_0 b_0 + a_1 b_1) + a_2 b_2) + ...}: {@link #dotSerial}. */
        SERIAL
    }

    // ---------------------------------------------------------------- dot products

    /**
     * {@code sum_f a[ao+f] * b[bo+f]} for {@code f < n} in float, in {@link Summation#LANES} order:
     * the fast dot product (see the class comment for why four partial sums).
     */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (int end = n - 3; f < end; f += 4) {
            s0 += a[ao + f] * b[bo + f];
            s1 += a[ao + f + 1] * b[bo + f + 1];
            s2 += a[ao + f + 2] * b[bo + f + 2];
            s3 += a[ao + f + 3] * b[bo + f + 3];
        }
        for (; f < n; f++) {
            s0 += a[ao + f] * b[bo + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code sum_f a[ao+f] * b[bo+f]} in float with one running sum ({@link Summation#SERIAL}): the
     * plain scalar reference, and the order in which the ALS-family models were scored.
     */
    public static float dotSerial(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** The dot product in the given order: {@link #dot} or {@link #dotSerial}. */
    public static float dot(Summation order, float[] a, int ao, float[] b, int bo, int n) {
        return order == Summation.LANES ? dot(a, ao, b, bo, n) : dotSerial(a, ao, b, bo, n);
    }

    /**
     * {@code sum_f a[ao+f] * b[bo+f]} with each product rounded to float and the sum kept in double
     * (step lengths and log-likelihoods, where a long float sum would lose digits).
     */
    public static double dotWide(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** {@code sum_f a[ao+f] * b[bo+f]} for a double vector against a float row, in double. */
    public static double dot(double[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** {@code sum_f a[ao+f] * b[bo+f]} in double. */
    public static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }

    /** Euclidean norm of {@code a[ao .. ao+n)}, squares summed as in {@link #dotWide}. */
    public static double norm(float[] a, int ao, int n) {
        return Math.sqrt(dotWide(a, ao, a, ao, n));
    }

    /** The Euclidean norm of every row of the flat {@code (m.length / n) x n} matrix {@code m}. */
    public static float[] rowNorms(float[] m, int n) {
        int rows = m.length / n;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) norm(m, r * n, n);
        }
        return out;
    }

    // ---------------------------------------------------------------- axpy and friends

    /** {@code y[yo+f] += alpha * x[xo+f]} for {@code f < n}, in float. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int f = 0; f < n; f++) {
            y[yo + f] += alpha * x[xo + f];
        }
    }

    /** {@code y[yo+f] += alpha * x[xo+f]} for a float row into a double vector. */
    public static void axpy(double alpha, float[] x, int xo, double[] y, int yo, int n) {
        for (int f = 0; f < n; f++) {
            y[yo + f] += alpha * x[xo + f];
        }
    }

    /** {@code y[yo+f] += alpha * x[xo+f]} in double. */
    public static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        for (int f = 0; f < n; f++) {
            y[yo + f] += alpha * x[xo + f];
        }
    }

    /** {@code x[xo+f] *= alpha} for {@code f < n}. */
    public static void scale(float alpha, float[] x, int xo, int n) {
        for (int f = 0; f < n; f++) {
            x[xo + f] *= alpha;
        }
    }

    /** {@code a + b} elementwise, a new array. */
    public static float[] add(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("add: lengths differ, " + a.length + " vs " + b.length);
        }
        float[] out = new float[a.length];
        for (int x = 0; x < a.length; x++) {
            out[x] = a[x] + b[x];
        }
        return out;
    }

    // ---------------------------------------------------------------- batched products

    /**
     * Matrix times vector: {@code y[yo+r] = M_r . x} for {@code r < rows}, where row {@code r} of
     * {@code M} is {@code m[mo + r*n .. mo + r*n + n)} and {@code x} is {@code x[xo .. xo+n)}. Every
     * {@code y[yo+r]} equals {@code dot(order, m, mo + r*n, x, xo, n)} bit for bit.
     */
    public static void gemv(Summation order, float[] m, int mo, int rows, int n, float[] x, int xo, float[] y,
                            int yo) {
        if (order == Summation.LANES) {
            gemvLanes(m, mo, rows, n, x, xo, y, yo);
        } else {
            gemvSerial(m, mo, rows, n, x, xo, y, yo);
        }
    }

    /**
     * {@link Summation#LANES} rows two at a time: eight independent partial sums, and each element of
     * {@code x} loaded once for both rows. Each row's four lanes are summed exactly as in {@link #dot}.
     */
    private static void gemvLanes(float[] m, int mo, int rows, int n, float[] x, int xo, float[] y, int yo) {
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            int o0 = mo + r * n;
            int o1 = o0 + n;
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float b0 = 0;
            float b1 = 0;
            float b2 = 0;
            float b3 = 0;
            int f = 0;
            for (int end = n - 3; f < end; f += 4) {
                float x0 = x[xo + f];
                float x1 = x[xo + f + 1];
                float x2 = x[xo + f + 2];
                float x3 = x[xo + f + 3];
                a0 += m[o0 + f] * x0;
                a1 += m[o0 + f + 1] * x1;
                a2 += m[o0 + f + 2] * x2;
                a3 += m[o0 + f + 3] * x3;
                b0 += m[o1 + f] * x0;
                b1 += m[o1 + f + 1] * x1;
                b2 += m[o1 + f + 2] * x2;
                b3 += m[o1 + f + 3] * x3;
            }
            for (; f < n; f++) {
                float xf = x[xo + f];
                a0 += m[o0 + f] * xf;
                b0 += m[o1 + f] * xf;
            }
            y[yo + r] = (a0 + a1) + (a2 + a3);
            y[yo + r + 1] = (b0 + b1) + (b2 + b3);
        }
        if (r < rows) {
            y[yo + r] = dot(m, mo + r * n, x, xo, n);
        }
    }

    /**
     * {@link Summation#SERIAL} rows four at a time: each row keeps its one running sum (so the result
     * is {@link #dotSerial}'s bit for bit), but the four chains are independent and overlap.
     */
    private static void gemvSerial(float[] m, int mo, int rows, int n, float[] x, int xo, float[] y, int yo) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = mo + r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int f = 0; f < n; f++) {
                float xf = x[xo + f];
                s0 += m[o0 + f] * xf;
                s1 += m[o1 + f] * xf;
                s2 += m[o2 + f] * xf;
                s3 += m[o3 + f] * xf;
            }
            y[yo + r] = s0;
            y[yo + r + 1] = s1;
            y[yo + r + 2] = s2;
            y[yo + r + 3] = s3;
        }
        for (; r < rows; r++) {
            y[yo + r] = dotSerial(m, mo + r * n, x, xo, n);
        }
    }

    /** Rows of {@code B} per tile in {@link #gemm}: 64 rows of k=100 floats (25 KB) stay in L1/L2. */
    private static final int GEMM_TILE = 64;

    /**
     * Matrix times transposed matrix: {@code c[co + r*bRows + j] = A_r . B_j} for {@code r < aRows},
     * {@code j < bRows}, rows of length {@code n} starting at {@code ao} and {@code bo} (scores of many
     * users against every item in one call). Each entry equals {@code dot(order, A_r, B_j)} bit for
     * bit. {@code B} is walked in tiles of {@value #GEMM_TILE} rows, each tile against every row of
     * {@code A}, so a tile is read from cache {@code aRows} times instead of from memory.
     */
    public static void gemm(Summation order, float[] a, int ao, int aRows, float[] b, int bo, int bRows, int n,
                            float[] c, int co) {
        for (int j0 = 0; j0 < bRows; j0 += GEMM_TILE) {
            int rows = Math.min(GEMM_TILE, bRows - j0);
            for (int r = 0; r < aRows; r++) {
                gemv(order, b, bo + j0 * n, rows, n, a, ao + r * n, c, co + r * bRows + j0);
            }
        }
    }

    /**
     * Items per tile of {@link ItemMajor}. Measured on the 2-core EPYC (one user and 32 users against
     * 59k x 64 and 1,682 x 100 random factors): 1024 beat 256, 512 and 2048 by 10-30%.
     */
    public static final int ITEM_TILE = 1024;

    /**
     * Item vectors stored item-major for {@link #gemmItemMajor}: in tiles of {@value #ITEM_TILE}
     * items, one array per dimension, {@code tile(t)[f][j] = B_{t*ITEM_TILE + j}[f]} (zeros past the
     * last item). One array per (tile, dimension) so that every array in the kernel's inner loop is
     * indexed by the loop variable itself: Java 17's JIT vectorizes {@code c[j] += w * x[j]} but not
     * {@code c[j] += w * x[o + j]} (it cannot rule out that two arrays overlap at an offset).
     * Immutable once built; as large as {@code B}.
     */
    public static final class ItemMajor {
        private final float[][][] tiles;
        private final int items;
        private final int n;

        /** The dimension schedules of {@link #gemmItemMajor} for this length, LANES and SERIAL, made once. */
        private final int[][][] schedules;

        private ItemMajor(float[][][] tiles, int items, int n) {
            this.tiles = tiles;
            this.items = items;
            this.n = n;
            this.schedules = new int[][][] {schedule(true, n), schedule(false, n)};
        }

        /**
         * The rows {@code B_j = b[bo + j*n .. bo + j*n + n)} for {@code j < rows}, item-major.
         *
         * @throws IllegalArgumentException when {@code b} is too short
         */
        public static ItemMajor of(float[] b, int bo, int rows, int n) {
            if (rows < 0 || n < 0 || bo < 0 || b.length < bo + (long) rows * n) {
                throw new IllegalArgumentException("ItemMajor.of: " + rows + " x " + n + " from offset " + bo
                        + " in " + b.length + " floats");
            }
            int nt = (rows + ITEM_TILE - 1) / ITEM_TILE;
            float[][][] tiles = new float[nt][n][ITEM_TILE];
            for (int j = 0; j < rows; j++) {
                float[][] tile = tiles[j / ITEM_TILE];
                int jj = j % ITEM_TILE;
                int o = bo + j * n;
                for (int f = 0; f < n; f++) {
                    tile[f][jj] = b[o + f];
                }
            }
            return new ItemMajor(tiles, rows, n);
        }

        /** The number of items (columns of the product). */
        public int items() {
            return items;
        }

        /** The vectors' length. */
        public int dims() {
            return n;
        }
    }

    /**
     * Many users against every item: {@code c[r][j] = A_r . B_j} for {@code r < aRows},
     * {@code j < b.items()}, where row {@code r} of {@code A} is {@code a[ao + r*n .. ao + r*n + n)}.
     * Each entry equals {@code dot(order, A_r, B_j)} bit for bit, with the same partial sums added in
     * the same order; only the loop nest differs: for a tile of {@value #ITEM_TILE} items and two
     * rows of {@code A} at a time, each pair of dimensions {@code f, g} adds
     * {@code a_rf * B[tile][f][j]} and then {@code a_rg * B[tile][g][j]} to the two rows' running
     * sums, contiguous multiply-adds the JIT turns into SIMD instructions (a single dot product's
     * running sum cannot be), each item value loaded once for the two rows, each running sum loaded
     * and stored once per two dimensions, and the tile reused from cache by every pair of rows. This
     * is how every user of a large model is scored at once ({@code recommend --all}).
     *
     * @param c {@code aRows} rows of at least {@code b.items()} floats; overwritten
     */
    public static void gemmItemMajor(Summation order, float[] a, int ao, int aRows, ItemMajor b, float[][] c) {
        if (c.length < aRows) {
            throw new IllegalArgumentException("gemmItemMajor: " + aRows + " rows of " + b.n + " from offset " + ao
                    + " in " + a.length + " floats, " + c.length + " output rows");
        }
        gemmItemMajor(order, a, ao, aRows, b, (row, j0, values, t) -> System.arraycopy(values, 0, c[row], j0, t));
    }

    /** Receives {@link #gemmItemMajor}'s products a tile at a time. */
    @FunctionalInterface
    public interface TileSink {
        /**
         * Row {@code row}'s products with items {@code j0 .. j0+t-1}.
         *
         * @param values {@code values[j] = A_row . B_{j0+j}} for {@code j < t}: the kernel's scratch, valid
         *               until this call returns (it may be modified)
         */
        void accept(int row, int j0, float[] values, int t);
    }

    /**
     * {@link #gemmItemMajor(Summation, float[], int, int, ItemMajor, float[][])} handing each row's tile
     * of products to {@code sink} as soon as it is summed (tiles in increasing order, for each tile the
     * rows in increasing order), so that a caller can consume the products while they are in cache
     * instead of storing every row in full. The same values, bit for bit.
     */
    public static void gemmItemMajor(Summation order, float[] a, int ao, int aRows, ItemMajor b, TileSink sink) {
        int n = b.n;
        if (a.length < ao + (long) aRows * n) {
            throw new IllegalArgumentException("gemmItemMajor: " + aRows + " rows of " + n + " from offset " + ao
                    + " in " + a.length + " floats");
        }
        boolean lanes = order == Summation.LANES;
        int[][] steps = b.schedules[lanes ? 0 : 1];
        int[] lane = steps[0];
        int[] d0 = steps[1];
        int[] d1 = steps[2];
        float[][] acc = new float[aRows >= 2 ? 8 : 4][ITEM_TILE]; // acc[row * 4 + lane]
        float[] sums = lanes ? new float[ITEM_TILE] : null;
        for (int tIndex = 0; tIndex < b.tiles.length; tIndex++) {
            float[][] tile = b.tiles[tIndex];
            int j0 = tIndex * ITEM_TILE;
            int t = Math.min(ITEM_TILE, b.items - j0);
            int r = 0;
            for (; r + 2 <= aRows; r += 2) {
                int a0 = ao + r * n;
                int a1 = a0 + n;
                for (int l = 0; l < (lanes ? 4 : 1); l++) { // SERIAL sums in lane 0 only
                    java.util.Arrays.fill(acc[l], 0, t, 0f);
                    java.util.Arrays.fill(acc[4 + l], 0, t, 0f);
                }
                for (int s = 0; s < lane.length; s++) {
                    int l = lane[s];
                    int f = d0[s];
                    int g = d1[s];
                    if (g < 0) {
                        addTwo(tile[f], acc[l], acc[4 + l], a[a0 + f], a[a1 + f], t);
                    } else {
                        addTwoTwice(tile[f], tile[g], acc[l], acc[4 + l], a[a0 + f], a[a0 + g], a[a1 + f],
                                a[a1 + g], t);
                    }
                }
                sink.accept(r, j0, finish(acc, 0, sums, t), t);
                sink.accept(r + 1, j0, finish(acc, 4, sums, t), t);
            }
            for (; r < aRows; r++) {
                oneRow(steps, tile, a, ao + r * n, acc, t);
                sink.accept(r, j0, finish(acc, 0, sums, t), t);
            }
        }
    }

    /**
     * The order in which {@link #gemmItemMajor} adds the dimensions: steps of one or two dimensions,
     * each into one lane's running sum, so that every lane receives its dimensions in increasing
     * order, as {@link #dot} (LANES: lane {@code f mod 4} over the whole groups of four, the rest to
     * lane 0) or {@link #dotSerial} (SERIAL: lane 0) adds them. Two dimensions per step halve the
     * loads and stores of the running sums. Returns {lane, first dimension, second dimension or -1}.
     */
    private static int[][] schedule(boolean lanes, int n) {
        int[] lane = new int[n];
        int[] d0 = new int[n];
        int[] d1 = new int[n];
        int s = 0;
        int f = 0;
        if (lanes) {
            int grouped = (n / 4) * 4;
            for (; f + 8 <= grouped; f += 8) { // lane l: f+l then f+4+l
                for (int l = 0; l < 4; l++) {
                    lane[s] = l;
                    d0[s] = f + l;
                    d1[s++] = f + 4 + l;
                }
            }
            for (; f < grouped; f++) { // one group of four left
                lane[s] = f & 3;
                d0[s] = f;
                d1[s++] = -1;
            }
        }
        for (; f + 2 <= n; f += 2) { // lane 0, in order
            d0[s] = f;
            d1[s++] = f + 1;
        }
        if (f < n) {
            d0[s] = f;
            d1[s++] = -1;
        }
        return new int[][] {java.util.Arrays.copyOf(lane, s), java.util.Arrays.copyOf(d0, s),
                java.util.Arrays.copyOf(d1, s)};
    }

    /**
     * One row's four lanes, {@code lanes[l][j]} for {@code j < t}: zeroed, then each step of the
     * {@link #schedule} adds {@code a[ao + f] * cols[f][j]} (and its second dimension's term) to its lane.
     */
    private static void oneRow(int[][] steps, float[][] cols, float[] a, int ao, float[][] lanes, int t) {
        int[] lane = steps[0];
        int[] d0 = steps[1];
        int[] d1 = steps[2];
        for (int l = 0; l < 4; l++) {
            java.util.Arrays.fill(lanes[l], 0, t, 0f);
        }
        for (int s = 0; s < lane.length; s++) {
            int f = d0[s];
            int g = d1[s];
            if (g < 0) {
                addOne(cols[f], lanes[lane[s]], a[ao + f], t);
            } else {
                addOneTwice(cols[f], cols[g], lanes[lane[s]], a[ao + f], a[ao + g], t);
            }
        }
    }

    /** {@code c_q[j] += w_q * x[j]} for two rows: one load of {@code x[j]}, two SIMD multiply-adds. */
    private static void addTwo(float[] x, float[] c0, float[] c1, float w0, float w1, int t) {
        for (int j = 0; j < t; j++) {
            float v = x[j];
            c0[j] += w0 * v;
            c1[j] += w1 * v;
        }
    }

    /**
     * {@code c_q[j] = (c_q[j] + v_q * x[j]) + w_q * y[j]} for two rows: two dimensions per load and
     * store of each running sum, in the order two {@link #addTwo} calls would add them. Two rows by
     * two dimensions is the largest body Java 17's JIT still vectorizes with its default unrolling
     * limit (two by four and four by two need {@code -XX:LoopUnrollLimit} raised); it replaced one
     * dimension for four rows per pass, which loaded and stored every running sum once per
     * multiply-add (BENCHMARKS.md, "recommend --all, two rows by two dimensions").
     */
    private static void addTwoTwice(float[] x, float[] y, float[] c0, float[] c1, float v0, float w0, float v1,
                                    float w1, int t) {
        for (int j = 0; j < t; j++) {
            float xv = x[j];
            float yv = y[j];
            c0[j] = (c0[j] + v0 * xv) + w0 * yv;
            c1[j] = (c1[j] + v1 * xv) + w1 * yv;
        }
    }

    private static void addOne(float[] x, float[] c0, float w, int t) {
        for (int j = 0; j < t; j++) {
            c0[j] += w * x[j];
        }
    }

    private static void addOneTwice(float[] x, float[] y, float[] c0, float v, float w, int t) {
        for (int j = 0; j < t; j++) {
            c0[j] = (c0[j] + v * x[j]) + w * y[j];
        }
    }

    /**
     * One row's tile of products: its four lanes summed into {@code sums} as {@link #dot} sums them
     * (LANES), or its single running sum itself (SERIAL, {@code sums} null).
     */
    private static float[] finish(float[][] acc, int o, float[] sums, int t) {
        if (sums == null) {
            return acc[o];
        }
        float[] l0 = acc[o];
        float[] l1 = acc[o + 1];
        float[] l2 = acc[o + 2];
        float[] l3 = acc[o + 3];
        for (int j = 0; j < t; j++) {
            sums[j] = (l0[j] + l1[j]) + (l2[j] + l3[j]);
        }
        return sums;
    }

    /** The {@code n x rows} transpose of a {@code rows x n} row-major matrix (the {@code bt} of {@link #gemmItemMajor}). */
    public static float[] transpose(float[] m, int rows, int n) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < n; f++) {
                t[f * rows + r] = m[r * n + f];
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- dense layers (neural engine)

    /**
     * Products with fewer multiply-adds than this stay on the calling thread in {@link #matmul},
     * {@link #matmulTA} and {@link #matmulTB}: handing a small product to the pool costs more than it saves.
     */
    public static final long PARALLEL_MIN_FLOPS = 1L << 20;

    /**
     * {@code C[m x n] (+)= A[m x k] . B[k x n]}, all row-major ({@code accumulate} adds to {@code C},
     * else overwrites it): a dense layer's forward pass. Each row of {@code C} is one thread's, its
     * entries summed over {@code p} in increasing order (terms with {@code A[i][p] == 0} skipped), so
     * the result is the same bits on any number of threads. Rows run in parallel
     * ({@link org.movierec.util.Parallel}) from {@link #PARALLEL_MIN_FLOPS} multiply-adds.
     */
    public static void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (n == 1 && columnSumsExact(b, k, c, m, accumulate)) {
            matmulColumn(a, b, c, m, k, accumulate);
            return;
        }
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            org.movierec.util.Parallel.forRange(m, (chunk, from, to) -> matmulRows(a, b, c, from, to, k, n,
                    accumulate));
        } else {
            matmulRows(a, b, c, 0, m, k, n, accumulate);
        }
    }

    private static void matmulRows(float[] a, float[] b, float[] c, int from, int to, int k, int n,
                                   boolean accumulate) {
        Scratch sc = SCRATCH.get();
        float[][] bRows = sc.rows(b, k, n);
        float[] acc = sc.acc(n);
        int[] nz = sc.nonZero(k);
        for (int i = from; i < to; i++) {
            int ai = i * k;
            int cnt = 0;
            for (int p = 0; p < k; p++) {
                if (a[ai + p] != 0f) {
                    nz[cnt++] = p;
                }
            }
            accumulateRow(c, i * n, acc, n, accumulate, a, ai, 1, nz, cnt, bRows);
        }
    }

    /**
     * {@code C[m x n] (+)= A^T . B} where {@code A} is {@code [k x m]} and {@code B} is {@code [k x n]}:
     * a dense layer's weight gradient {@code dW = X^T dY}. Same order and threading as {@link #matmul}.
     */
    public static void matmulTA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (n == 1 && columnSumsExact(b, k, c, m, accumulate)) {
            matmulTAColumn(a, b, c, m, k, accumulate);
            return;
        }
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            org.movierec.util.Parallel.forRange(m, (chunk, from, to) -> matmulTARows(a, b, c, from, to, m, k, n,
                    accumulate));
        } else {
            matmulTARows(a, b, c, 0, m, m, k, n, accumulate);
        }
    }

    private static void matmulTARows(float[] a, float[] b, float[] c, int from, int to, int m, int k, int n,
                                     boolean accumulate) {
        Scratch sc = SCRATCH.get();
        float[][] bRows = sc.rows(b, k, n);
        float[] acc = sc.acc(n);
        int[] nz = sc.nonZero(k);
        for (int i = from; i < to; i++) {
            int cnt = 0;
            for (int p = 0; p < k; p++) {
                if (a[p * m + i] != 0f) {
                    nz[cnt++] = p;
                }
            }
            accumulateRow(c, i * n, acc, n, accumulate, a, i, m, nz, cnt, bRows);
        }
    }

    /**
     * Row {@code C_i = c[ci .. ci+n)}: starting from itself ({@code accumulate}) or zero, adds
     * {@code s_p * B_p} for the listed {@code p} in increasing order, {@code s_p = a[ao + p*stride]},
     * exactly as one {@code c[ci+j] += s_p * b[p*n+j]} per term would (terms with {@code s_p == 0}
     * are not in the list). The row is summed in {@code acc} and {@code B}'s rows are separate arrays
     * so that every array in the inner loops is indexed by the loop variable (which Java 17's JIT
     * vectorizes; it does not vectorize {@code c[ci + j] += s * b[bp + j]}), four terms per load and
     * store of the running sums.
     */
    private static void accumulateRow(float[] c, int ci, float[] acc, int n, boolean accumulate, float[] a, int ao,
                                      int stride, int[] nz, int cnt, float[][] bRows) {
        if (accumulate) {
            System.arraycopy(c, ci, acc, 0, n);
        } else {
            java.util.Arrays.fill(acc, 0, n, 0f);
        }
        int q = 0;
        for (; q + 4 <= cnt; q += 4) {
            int p0 = nz[q];
            int p1 = nz[q + 1];
            int p2 = nz[q + 2];
            int p3 = nz[q + 3];
            addFourTerms(acc, bRows[p0], bRows[p1], bRows[p2], bRows[p3], a[ao + p0 * stride], a[ao + p1 * stride],
                    a[ao + p2 * stride], a[ao + p3 * stride], n);
        }
        for (; q < cnt; q++) {
            int p = nz[q];
            addOne(bRows[p], acc, a[ao + p * stride], n);
        }
        System.arraycopy(acc, 0, c, ci, n);
    }

    /** {@code c[j] = (((c[j] + s0 x0[j]) + s1 x1[j]) + s2 x2[j]) + s3 x3[j]}: four terms in order. */
    private static void addFourTerms(float[] c, float[] x0, float[] x1, float[] x2, float[] x3, float s0, float s1,
                                     float s2, float s3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = (((c[j] + s0 * x0[j]) + s1 * x1[j]) + s2 * x2[j]) + s3 * x3[j];
        }
    }

    /**
     * Whether a product with one output column ({@code n == 1}: a layer with one output) may add every
     * term, zero ones included, and still give the bits of skipping the terms with {@code A[i][p] == 0}:
     * a zero term is {@code +-0} when {@code b[p]} is finite, and adding {@code +-0} leaves every sum
     * unchanged except a running sum of {@code -0}, which only a starting value of {@code -0} can be
     * (from {@code +0}, a float sum never reaches {@code -0}). So: every {@code b[p]} finite, and no
     * {@code c[i]} equal to {@code -0} when accumulating.
     */
    private static boolean columnSumsExact(float[] b, int k, float[] c, int m, boolean accumulate) {
        for (int p = 0; p < k; p++) {
            if (!Float.isFinite(b[p])) {
                return false;
            }
        }
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                if (Float.floatToRawIntBits(c[i]) == 0x80000000) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@link #matmul} with {@code n == 1} (a layer with one output, {@code c[i] (+)= A_i . b}): each
     * sum still runs over {@code p} in increasing order, four rows side by side so that their four
     * running sums overlap instead of each waiting on its own additions (see {@link #columnSumsExact}
     * for why adding the zero terms gives the same bits).
     */
    private static void matmulColumn(float[] a, float[] b, float[] c, int m, int k, boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            float s0 = accumulate ? c[i] : 0f;
            float s1 = accumulate ? c[i + 1] : 0f;
            float s2 = accumulate ? c[i + 2] : 0f;
            float s3 = accumulate ? c[i + 3] : 0f;
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int p = 0; p < k; p++) {
                float v = b[p];
                s0 += a[a0 + p] * v;
                s1 += a[a1 + p] * v;
                s2 += a[a2 + p] * v;
                s3 += a[a3 + p] * v;
            }
            c[i] = s0;
            c[i + 1] = s1;
            c[i + 2] = s2;
            c[i + 3] = s3;
        }
        for (; i < m; i++) {
            float s = accumulate ? c[i] : 0f;
            int ai = i * k;
            for (int p = 0; p < k; p++) {
                s += a[ai + p] * b[p];
            }
            c[i] = s;
        }
    }

    /**
     * {@link #matmulTA} with {@code n == 1} ({@code c[i] (+)= sum_p A[p][i] b[p]}, the weight gradient
     * of a layer with one output): {@code A}'s rows are read in order, each added to all the running
     * sums at once, which is the same order of terms for every {@code c[i]} (see
     * {@link #columnSumsExact}).
     */
    private static void matmulTAColumn(float[] a, float[] b, float[] c, int m, int k, boolean accumulate) {
        Scratch sc = SCRATCH.get();
        float[] acc = sc.acc(m);
        if (accumulate) {
            System.arraycopy(c, 0, acc, 0, m);
        } else {
            java.util.Arrays.fill(acc, 0, m, 0f);
        }
        float[] row = sc.row(m);
        for (int p = 0; p < k; p++) {
            System.arraycopy(a, p * m, row, 0, m);
            addOne(row, acc, b[p], m);
        }
        System.arraycopy(acc, 0, c, 0, m);
    }

    /** Per-thread buffers of the dense-layer products: nothing is allocated per call once they are grown. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        private float[][] rows = new float[0][];
        private float[][] columns = new float[0][];
        private float[][] lanes = new float[4][0];
        private float[] acc = new float[0];
        private float[] row = new float[0];
        private int[] nonZero = new int[0];
        private int[][] schedule;
        private int scheduleLength = -1;

        /** The {@code count} rows of {@code len} floats of {@code src}, copied into separate arrays. */
        float[][] rows(float[] src, int count, int len) {
            if (rows.length < count || (count > 0 && rows[0].length < len)) {
                int width = Math.max(len, rows.length > 0 ? rows[0].length : 0);
                rows = new float[Math.max(count, rows.length)][width];
            }
            for (int p = 0; p < count; p++) {
                System.arraycopy(src, p * len, rows[p], 0, len);
            }
            return rows;
        }

        /** {@code out[f][j] = src[j*len + f]} for {@code j < count}, {@code f < len}: a row-major matrix's columns. */
        float[][] columns(float[] src, int count, int len) {
            if (columns.length < len || (len > 0 && columns[0].length < count)) {
                int width = Math.max(count, columns.length > 0 ? columns[0].length : 0);
                columns = new float[Math.max(len, columns.length)][width];
            }
            for (int j = 0; j < count; j++) {
                int o = j * len;
                for (int f = 0; f < len; f++) {
                    columns[f][j] = src[o + f];
                }
            }
            return columns;
        }

        float[][] lanes(int len) {
            if (lanes[0].length < len) {
                lanes = new float[4][len];
            }
            return lanes;
        }

        float[] row(int len) {
            if (row.length < len) {
                row = new float[len];
            }
            return row;
        }

        float[] acc(int len) {
            if (acc.length < len) {
                acc = new float[len];
            }
            return acc;
        }

        int[] nonZero(int len) {
            if (nonZero.length < len) {
                nonZero = new int[len];
            }
            return nonZero;
        }

        /** The LANES {@link Kernels#schedule} for vectors of length {@code len}, kept for the next call. */
        int[][] schedule(int len) {
            if (scheduleLength != len) {
                schedule = Kernels.schedule(true, len);
                scheduleLength = len;
            }
            return schedule;
        }
    }

    /**
     * {@code C[m x n] (+)= A[m x k] . B^T} where {@code B} is {@code [n x k]} (only its first {@code n}
     * rows are read): a dense layer's input gradient {@code dX = dY W^T}. Each entry is one
     * {@link #dot} ({@link Summation#LANES}), added to {@code C} when accumulating; rows in parallel as
     * in {@link #matmul}.
     */
    public static void matmulTB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (k == 1) {
            outerProduct(a, b, c, m, n, accumulate);
            return;
        }
        if ((long) m * k * n >= PARALLEL_MIN_FLOPS && m > 1) {
            org.movierec.util.Parallel.forRange(m, (chunk, from, to) -> matmulTBRows(a, b, c, from, to, k, n,
                    accumulate));
        } else {
            matmulTBRows(a, b, c, 0, m, k, n, accumulate);
        }
    }

    private static void matmulTBRows(float[] a, float[] b, float[] c, int from, int to, int k, int n,
                                     boolean accumulate) {
        // Row i of C is row i of A against every row of B, each a LANES dot product: summed as
        // gemmItemMajor sums them (the same lanes and order, so the same bits as dot), over B's
        // columns copied into separate arrays so that the inner loops run over j and vectorize.
        Scratch sc = SCRATCH.get();
        float[][] bt = sc.columns(b, n, k);
        float[][] lanes = sc.lanes(n);
        float[] sum = sc.acc(n);
        int[][] steps = sc.schedule(k);
        for (int i = from; i < to; i++) {
            oneRow(steps, bt, a, i * k, lanes, n);
            finish(lanes, 0, sum, n);
            int ci = i * n;
            if (accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = c[ci + j] + sum[j];
                }
            } else {
                System.arraycopy(sum, 0, c, ci, n);
            }
        }
    }

    /**
     * {@link #matmulTB} with {@code k == 1}: {@code C = a b^T}, the input gradient of a layer with one
     * output. A one-term {@link #dot} is {@code 0 + a_i b_j} (which turns a product of {@code -0}
     * into {@code +0}), and that is what each entry gets.
     */
    private static void outerProduct(float[] a, float[] b, float[] c, int m, int n, boolean accumulate) {
        float[] row = SCRATCH.get().row(n);
        for (int i = 0; i < m; i++) {
            float s = a[i];
            int ci = i * n;
            if (accumulate) {
                System.arraycopy(c, ci, row, 0, n);
                for (int j = 0; j < n; j++) {
                    row[j] = row[j] + (0f + s * b[j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    row[j] = 0f + s * b[j];
                }
            }
            System.arraycopy(row, 0, c, ci, n);
        }
    }

    /** Adds the bias row {@code b[n]} to every row of {@code c[m x n]}. */
    public static void addRow(float[] c, float[] b, int m, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += b[j];
            }
        }
    }

    /** {@code g[j] += sum_i d[i*n + j]}, rows in increasing order: a bias gradient. */
    public static void sumRows(float[] d, float[] g, int m, int n) {
        for (int i = 0; i < m; i++) {
            int di = i * n;
            for (int j = 0; j < n; j++) {
                g[j] += d[di + j];
            }
        }
    }

    // ---------------------------------------------------------------- symmetric updates (ALS)

    /**
     * Symmetric rank-1 update of the upper triangle: {@code G[a*n + b] += w * x[a] * x[b]} for
     * {@code a <= b < n}. The strictly lower triangle of {@code G} is not touched; read the result
     * with {@link Cholesky#factorUpper} or mirror it with {@link #mirrorUpper}.
     *
     * <p>Summing {@code x x^T} over a user's items is the dominant cost of an ALS half-step
     * ({@code n^2/2} multiply-adds per rating against {@code n^3/6} once per user for the solve), so
     * only the triangle is formed and each row update is a contiguous float loop the JIT vectorizes.
     */
    public static void rank1Upper(float[] g, float[] x, float w, int n) {
        for (int a = 0; a < n; a++) {
            float wa = w * x[a];
            int row = a * n;
            for (int b = a; b < n; b++) {
                g[row + b] += wa * x[b];
            }
        }
    }

    /**
     * Four symmetric rank-1 updates at once on the upper triangle: {@code G += sum_{r<4} x_r x_r^T},
     * where row {@code r} is {@code rows[r*n .. r*n+n)}. Same result as four {@link #rank1Upper} calls up
     * to float rounding order. Each element of {@code G} is loaded and stored once per four rows
     * instead of once per row: the single update is bound by those loads and stores, not by the
     * multiply-adds, so this form runs at about twice the speed.
     */
    public static void rank4Upper(float[] g, float[] rows, int n) {
        int o1 = n;
        int o2 = 2 * n;
        int o3 = 3 * n;
        for (int a = 0; a < n; a++) {
            float w0 = rows[a];
            float w1 = rows[o1 + a];
            float w2 = rows[o2 + a];
            float w3 = rows[o3 + a];
            int row = a * n;
            for (int b = a; b < n; b++) {
                g[row + b] += w0 * rows[b] + w1 * rows[o1 + b] + w2 * rows[o2 + b] + w3 * rows[o3 + b];
            }
        }
    }

    /** Copies the upper triangle of the {@code n x n} row-major {@code g} onto its lower triangle. */
    public static void mirrorUpper(double[] g, int n) {
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                g[b * n + a] = g[a * n + b];
            }
        }
    }
}

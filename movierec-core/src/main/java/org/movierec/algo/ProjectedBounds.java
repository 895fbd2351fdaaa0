package org.movierec.algo;

import org.movierec.data.Interactions;
import org.movierec.math.Kernels;
import org.movierec.math.SymmetricEigen;
import org.movierec.rec.TopK;

/**
 * Exact top-k lists of a factor model without every score in full, after FEXIPRO (Li, Chan, Yiu and
 * Mamoulis, SIGMOD 2017): rotate the item factors onto the eigenvectors of {@code Q^T Q} (the
 * directions they vary most in), keep each item's first {@code d} coordinates {@code c_i} and the
 * length {@code r_i} of the rest. For a user vector {@code p} with first coordinates {@code y} and rest
 * of length {@code e}, Cauchy-Schwarz on the rest bounds every score:
 * <pre>
 *   base + b_i + y.c_i - e r_i - m_i  <=  score_i  <=  base + b_i + y.c_i + e r_i + m_i
 * </pre>
 * where {@code m_i} covers float rounding on both sides (the score's own and the bound's, {@link #rel}
 * times the magnitudes). With {@code L} the k-th largest lower bound among the items the user may
 * get, the k-th best score is at least {@code L}, so an item whose upper bound is below {@code L}
 * cannot be in the list; the few others (the candidates) are scored in full with the model's own dot
 * product and selected. The lists, and each score's bits, are those of scoring every item: only which
 * items are scored in full changes. The cost is a {@code d}-dimensional product over all items plus
 * three light passes, instead of the {@code k}-dimensional one.
 *
 * <p>How much it saves depends on the spectrum of the factors: {@link #build} estimates it on a sample
 * of users for several {@code d} and keeps the cheapest, or returns null when no {@code d} saves at
 * least {@link #MIN_SAVING} of the work (small catalogues, few factors, factors spread evenly over all
 * directions), in which case the caller scores everything. Immutable and thread-safe (per-thread
 * scratch).
 */
final class ProjectedBounds {
    /** Projection sizes tried by {@link #build} (those at most half of k). */
    private static final int[] DIMS = {4, 8, 12, 16, 24, 32, 48, 64, 96, 128};
    /** Users sampled by {@link #build} to estimate the candidates per user. */
    static final int SAMPLE_USERS = 64;
    /** Fewer items than this, or fewer factors than {@link #MIN_FACTORS}: full scoring is cheap anyway. */
    static final int MIN_ITEMS = 2048;
    static final int MIN_FACTORS = 16;
    /** Pruning is used only when its estimated cost is at most this fraction of full scoring's. */
    static final double MIN_SAVING = 0.4;
    /** The list length assumed by the estimate (the usual top 10). */
    private static final int ESTIMATE_K = 10;
    /**
     * Estimated costs per item, in units of one vectorized multiply-add: the three passes of a pruned
     * list (bounds, selection of the k-th lower bound, candidate scan), the selection over full scores,
     * and one multiply-add of a candidate's full (scalar) dot product.
     */
    private static final double PASS_COST = 6;
    private static final double SELECT_COST = 2;
    private static final double EXACT_COST = 8;

    private final int k;
    private final int d;
    private final int n;
    /** The {@code d} leading eigenvectors of {@code Q^T Q}, rows of {@code k}. */
    private final double[] basis;
    private final Kernels.ItemMajor coords;
    /** {@code r_i}, rounded up. */
    private final float[] residual;
    /** {@code |q_i|}, rounded up. */
    private final float[] norm;
    /** {@code b_i} (0 without item biases). */
    private final float[] bias;
    /** {@code rel |b_i|}. */
    private final float[] relBias;
    /** Relative rounding allowance: {@code (2k + 32) 2^-23}, several times the float error of either side. */
    private final float rel;
    private final ThreadLocal<Scratch> scratch;

    private ProjectedBounds(int k, int d, int n, double[] basis, Kernels.ItemMajor coords, float[] residual,
                            float[] norm, float[] bias) {
        this.k = k;
        this.d = d;
        this.n = n;
        this.basis = basis;
        this.coords = coords;
        this.residual = residual;
        this.norm = norm;
        this.bias = bias;
        this.rel = (2 * k + 32) * Math.ulp(1f);
        this.relBias = new float[n];
        for (int i = 0; i < n; i++) {
            relBias[i] = rel * Math.abs(bias[i]);
        }
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
    }

    /** The projection size chosen. */
    int dims() {
        return d;
    }

    /** Per-thread buffers: the lower bounds, the candidates and their full scores, a selector. */
    private static final class Scratch {
        final float[] lower;
        final int[] candidates;
        final float[] candidateScores;
        final int[] picked;
        TopK top;
        float[] heap;

        Scratch(int n) {
            lower = new float[n];
            candidates = new int[n];
            candidateScores = new float[n];
            picked = new int[n];
        }

        float[] heap(int k) {
            if (heap == null || heap.length != k) {
                heap = new float[k];
            }
            return heap;
        }

        TopK top(int k) {
            if (top == null || top.k() != k) {
                top = new TopK(k);
            }
            return top;
        }
    }

    /**
     * The bounds for {@code m}, with the projection size that the sample says is cheapest, or null
     * when pruning would not save {@link #MIN_SAVING} of the work.
     */
    static ProjectedBounds build(FactorModel m) {
        int k = m.k;
        int n = m.numItems;
        if (k < MIN_FACTORS || n < MIN_ITEMS || m.numUsers == 0) {
            return null;
        }
        float[] q = m.q;
        double[] g = new double[k * k];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < k; f++) {
                row[f] = q[i * k + f];
            }
            for (int x = 0; x < k; x++) {
                double qx = row[x];
                int o = x * k;
                for (int y = x; y < k; y++) {
                    g[o + y] += qx * row[y];
                }
            }
        }
        for (int x = 0; x < k; x++) {
            for (int y = 0; y < x; y++) {
                g[x * k + y] = g[y * k + x];
            }
        }
        for (double x : g) {
            if (!Double.isFinite(x)) {
                return null; // factors that are not finite: scored in full, as they always were
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(g, k);
        double[] v = new double[k * k];
        for (int r = 0; r < k; r++) {
            System.arraycopy(eig.vector(r), 0, v, r * k, k);
        }
        int[] dims = java.util.Arrays.stream(DIMS).filter(x -> 2 * x <= k).toArray();
        // Every item's rotated coordinates (float, for the estimate) and, per tried d, the length of the rest.
        float[] rot = new float[n * k];
        float[][] rest = new float[dims.length][n];
        double[] c = new double[k];
        for (int i = 0; i < n; i++) {
            rotate(v, k, k, q, i * k, c);
            double tail = 0;
            int di = dims.length - 1;
            for (int j = k - 1; j >= 0; j--) {
                if (di >= 0 && j < dims[di]) {
                    rest[di][i] = up(Math.sqrt(tail));
                    di--;
                }
                tail += c[j] * c[j];
            }
            for (int j = 0; j < k; j++) {
                rot[i * k + j] = (float) c[j];
            }
        }
        double[] candidates = sampleCandidates(m, v, rot, rest, dims);
        double full = (double) n * k + SELECT_COST * n;
        int best = -1;
        double bestCost = (1 - MIN_SAVING) * full;
        for (int t = 0; t < dims.length; t++) {
            double cost = (double) n * dims[t] + PASS_COST * n + EXACT_COST * k * candidates[t];
            if (cost < bestCost) {
                bestCost = cost;
                best = t;
            }
        }
        if (best < 0) {
            return null;
        }
        int d = dims[best];
        float[] prefix = new float[n * d];
        float[] norm = new float[n];
        float[] bias = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rot, i * k, prefix, i * d, d);
            norm[i] = up(Math.sqrt(sumSquares(q, i * k, k)));
            bias[i] = m.itemBias == null ? 0f : m.itemBias[i];
        }
        return new ProjectedBounds(k, d, n, java.util.Arrays.copyOf(v, d * k),
                Kernels.ItemMajor.of(prefix, 0, n, d), rest[best], norm, bias);
    }

    private static double sumSquares(float[] a, int o, int len) {
        double s = 0;
        for (int f = 0; f < len; f++) {
            s += (double) a[o + f] * a[o + f];
        }
        return s;
    }

    /** {@code out[j] = v_j . x[xo .. xo+k)} for the first {@code rows} rows of {@code v}, in double. */
    private static void rotate(double[] v, int rows, int k, float[] x, int xo, double[] out) {
        for (int j = 0; j < rows; j++) {
            double s = 0;
            int o = j * k;
            for (int f = 0; f < k; f++) {
                s += v[o + f] * x[xo + f];
            }
            out[j] = s;
        }
    }

    /** A float at least {@code x} (x is not negative). */
    private static float up(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }

    /**
     * Mean candidates per user for each projection size, on {@link #SAMPLE_USERS} users spread over the
     * model (what they rated is not left out: an estimate), in double.
     */
    private static double[] sampleCandidates(FactorModel m, double[] v, float[] rot, float[][] rest, int[] dims) {
        int k = m.k;
        int n = m.numItems;
        int users = Math.min(SAMPLE_USERS, m.numUsers);
        double[] total = new double[dims.length];
        double[] partial = new double[n];
        double[] lower = new double[n];
        double[] p = new double[k];
        float[] userVec = m.userVec();
        for (int s = 0; s < users; s++) {
            int u = (int) ((long) s * m.numUsers / users);
            rotate(v, k, k, userVec, u * k, p);
            double base = m.userBase(u);
            java.util.Arrays.fill(partial, 0);
            int done = 0;
            for (int t = 0; t < dims.length; t++) {
                int dd = dims[t];
                double tail = 0;
                for (int j = dd; j < k; j++) {
                    tail += p[j] * p[j];
                }
                double e = Math.sqrt(tail);
                for (int i = 0; i < n; i++) {
                    double a = partial[i];
                    for (int j = done; j < dd; j++) {
                        a += p[j] * rot[i * k + j];
                    }
                    partial[i] = a;
                    double b = m.itemBias == null ? 0 : m.itemBias[i];
                    lower[i] = base + b + a - e * rest[t][i];
                }
                done = dd;
                double l = kthLargest(lower, ESTIMATE_K);
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (lower[i] + 2 * e * rest[t][i] >= l) {
                        count++;
                    }
                }
                total[t] += count;
            }
        }
        for (int t = 0; t < dims.length; t++) {
            total[t] /= users;
        }
        return total;
    }

    /** The k-th largest of {@code x} (the smallest when it has fewer), by a min-heap: O(n log k). */
    private static double kthLargest(double[] x, int k) {
        float[] heap = new float[Math.min(k, x.length)];
        int size = 0;
        for (double v : x) {
            float f = (float) v;
            if (size < heap.length) {
                heap[size] = f;
                siftUp(heap, size++);
            } else if (f > heap[0]) {
                heap[0] = f;
                siftDown(heap, size);
            }
        }
        return size == 0 ? Double.NEGATIVE_INFINITY : Math.nextDown(heap[0]);
    }

    private static void siftUp(float[] heap, int i) {
        float v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= v) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private static void siftDown(float[] heap, int size) {
        float v = heap[0];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && heap[c + 1] < heap[c]) {
                c++;
            }
            if (heap[c] >= v) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }

    /**
     * {@link org.movierec.model.ItemScorer#topBlock} for {@code m}, which these bounds were built for.
     */
    void topBlock(FactorModel m, int from, int to, Interactions exclude, int kTop, int[][] outItems,
                  float[][] outScores, int[] counts, float[][] rows) {
        int b = to - from;
        float[] userVec = m.userVec();
        float[] y = new float[b * d];
        float[] e = new float[b];
        float[] pn = new float[b];
        double[] proj = new double[d];
        for (int r = 0; r < b; r++) {
            int u = from + r;
            rotate(basis, d, k, userVec, u * k, proj);
            double rest = 0;
            for (int f = 0; f < k; f++) {
                double x = userVec[u * k + f];
                for (int j = 0; j < d; j++) {
                    x -= basis[j * k + f] * proj[j];
                }
                rest += x * x;
            }
            for (int j = 0; j < d; j++) {
                y[r * d + j] = (float) proj[j];
            }
            e[r] = up(Math.sqrt(rest));
            pn[r] = up(Math.sqrt(sumSquares(userVec, u * k, k)));
        }
        Kernels.gemmItemMajor(Kernels.Summation.SERIAL, y, 0, b, coords, rows);
        Scratch s = scratch.get();
        TopK top = s.top(kTop);
        float[] heap = s.heap(kTop);
        for (int r = 0; r < b; r++) {
            int u = from + r;
            float[] a = rows[r];
            if (exclude != null && u < exclude.numUsers()) {
                int[] items = exclude.itemsArray();
                for (int p = exclude.userStart(u), end = exclude.userEnd(u); p < end; p++) {
                    a[items[p]] = Float.NEGATIVE_INFINITY;
                }
            }
            float base = m.userBase(u);
            float eu = e[r];
            float relP = rel * pn[r];
            float relB = rel * Math.abs(base);
            // The bounds of every item (a vectorized loop): lower into the scratch, upper over a.
            float[] lower = s.lower;
            for (int i = 0; i < n; i++) {
                float x = (base + bias[i]) + a[i];
                float slack = eu * residual[i] + relP * norm[i] + (relB + relBias[i]);
                lower[i] = x - slack;
                a[i] = x + slack;
            }
            // One scan: the k largest lower bounds so far (a min-heap of values) give a running threshold
            // at most the final one, so every item whose upper bound reaches it is kept (a superset of the
            // candidates); those below the final threshold are dropped after the scan.
            int size = 0;
            float worst = Float.NEGATIVE_INFINITY;
            int nc = 0;
            int[] cand = s.candidates;
            for (int i = 0; i < n; i++) {
                float lo = lower[i];
                if (lo > worst) {
                    if (size < kTop) {
                        heap[size] = lo;
                        siftUp(heap, size++);
                        if (size == kTop) {
                            worst = heap[0];
                        }
                    } else {
                        heap[0] = lo;
                        siftDown(heap, size);
                        worst = heap[0];
                    }
                }
                float hi = a[i];
                if (hi >= worst && hi > Float.NEGATIVE_INFINITY) {
                    cand[nc++] = i;
                }
            }
            int kept = 0;
            for (int j = 0; j < nc; j++) {
                if (a[cand[j]] >= worst) {
                    cand[kept++] = cand[j];
                }
            }
            nc = kept;
            float[] cs = s.candidateScores;
            for (int j = 0; j < nc; j++) {
                cs[j] = m.fullScore(u, cand[j]);
            }
            int got = top.select(cs, nc, s.picked, outScores == null ? null : outScores[r]);
            for (int j = 0; j < got; j++) {
                outItems[r][j] = cand[s.picked[j]];
            }
            counts[r] = got;
        }
    }
}

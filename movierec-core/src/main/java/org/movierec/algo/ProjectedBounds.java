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
 * items are scored in full changes. The cost is a {@code d}-dimensional product over all items, a
 * bounds loop and one scan per tile of items, instead of the {@code k}-dimensional product and a scan.
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
    /**
     * List lengths the estimate is made for; d is chosen for the first (the usual top 10), and a list of
     * length k is made from bounds only when the estimate for the shortest of these at least k says
     * the bounds pay (longer lists keep more candidates: an evaluation's top-100 of a BPR model at the
     * 25M shape took 382 s from bounds against 56 s scoring every movie).
     */
    static final int[] LIST_LENGTHS = {10, 20, 50, 100, 200};
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
    /** The items' first {@code d} rotated coordinates, in scan order. */
    private final Kernels.ItemMajor coords;
    /** The items in the order they are scanned ({@code order[at]}), and each item's place in it. */
    private final int[] order;
    private final int[] position;
    /**
     * Per item, in scan order, in tiles of {@link Kernels#ITEM_TILE} as the products arrive
     * ({@code [tile][j]} is item {@code order[tile * ITEM_TILE + j]}): {@code r_i} and {@code |q_i|}
     * rounded up, {@code b_i} (0 without item biases) and {@code rel |b_i|}. Separate arrays indexed
     * from 0 so that the bounds loop vectorizes.
     */
    private final float[][] residual;
    private final float[][] norm;
    private final float[][] bias;
    private final float[][] relBias;
    /** Relative rounding allowance: {@code (2k + 32) 2^-23}, several times the float error of either side. */
    private final float rel;
    private final ThreadLocal<Scratch> scratch;
    /** Per {@link #LIST_LENGTHS} entry, whether the estimate says the bounds pay for lists that long. */
    private final boolean[] pays;
    /**
     * Per {@link #LIST_LENGTHS} entry, the users listed so far and the movies scored in full for them,
     * and whether that measured cost turned the bounds off. The estimate cannot see what users rated:
     * a BPR model ranks a user's rated movies first, so its lists of unseen movies keep far more
     * candidates than the sample predicts (its top-100 lists at the 25M shape took 392 s from bounds
     * against 56 s scoring every movie). After {@link #MEASURED_USERS} users the measured mean decides.
     */
    private final java.util.concurrent.atomic.AtomicLongArray listed;
    private final java.util.concurrent.atomic.AtomicLongArray scoredInFull;
    private final java.util.concurrent.atomic.AtomicIntegerArray off;
    static final int MEASURED_USERS = 256;

    private ProjectedBounds(int k, int d, int n, double[] basis, Kernels.ItemMajor coords, int[] order,
                            float[] residual, float[] norm, float[] bias, boolean[] pays) {
        this.k = k;
        this.pays = pays;
        this.listed = new java.util.concurrent.atomic.AtomicLongArray(LIST_LENGTHS.length);
        this.scoredInFull = new java.util.concurrent.atomic.AtomicLongArray(LIST_LENGTHS.length);
        this.off = new java.util.concurrent.atomic.AtomicIntegerArray(LIST_LENGTHS.length);
        this.order = order;
        this.position = new int[n];
        for (int at = 0; at < n; at++) {
            position[order[at]] = at;
        }
        this.d = d;
        this.n = n;
        this.basis = basis;
        this.coords = coords;
        this.rel = (2 * k + 32) * Math.ulp(1f);
        this.residual = tiles(residual);
        this.norm = tiles(norm);
        this.bias = tiles(bias);
        float[] rb = new float[n];
        for (int i = 0; i < n; i++) {
            rb[i] = rel * Math.abs(bias[i]);
        }
        this.relBias = tiles(rb);
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    private static float[][] tiles(float[] x) {
        int t = Kernels.ITEM_TILE;
        float[][] out = new float[(x.length + t - 1) / t][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(x, i * t, Math.min(x.length, (i + 1) * t));
        }
        return out;
    }

    /** The projection size chosen. */
    int dims() {
        return d;
    }

    /**
     * Whether lists of {@code kTop} items are worth making from these bounds: the estimate for the
     * shortest of {@link #LIST_LENGTHS} at least {@code kTop}, unless the lists made so far cost more.
     */
    boolean pays(int kTop) {
        int l = bucket(kTop);
        return l >= 0 && pays[l] && off.get(l) == 0;
    }

    private static int bucket(int kTop) {
        for (int l = 0; l < LIST_LENGTHS.length; l++) {
            if (kTop <= LIST_LENGTHS[l]) {
                return l;
            }
        }
        return -1;
    }

    /** Records {@code users} lists of {@code kTop} that scored {@code inFull} movies in full; may turn bounds off. */
    private void measured(int kTop, int users, long inFull) {
        int l = bucket(kTop);
        long u = listed.addAndGet(l, users);
        long c = scoredInFull.addAndGet(l, inFull);
        if (u >= MEASURED_USERS) {
            double cost = (double) n * d + PASS_COST * n + EXACT_COST * k * ((double) c / u);
            if (cost >= (1 - MIN_SAVING) * ((double) n * k + SELECT_COST * n)) {
                off.set(l, 1);
            }
        }
    }

    /**
     * Per-thread state of one block of users: per user the constants of its bounds, its rated items
     * (sorted) and how far they are masked, a min-heap of its k largest lower bounds so far and its
     * candidates; a tile of lower and upper bounds; a selector.
     */
    private static final class Scratch {
        final float[] lower = new float[Kernels.ITEM_TILE];
        final float[] upper = new float[Kernels.ITEM_TILE];
        float[] base = new float[0];
        float[] eu = new float[0];
        float[] relP = new float[0];
        float[] relB = new float[0];
        float[] worst = new float[0];
        int[] heapSize = new int[0];
        float[][] heap = new float[0][];
        int[][] rated = new int[0][];
        int[] ratedCount = new int[0];
        int[] ratedAt = new int[0];
        int[][] cand = new int[0][];
        float[][] candUpper = new float[0][];
        int[] candCount = new int[0];
        float[] scores = new float[16];
        int[] picked = new int[0];
        TopK top;

        /** Ready for {@code b} users and lists of {@code k}. */
        void reset(int b, int k) {
            if (base.length < b) {
                base = new float[b];
                eu = new float[b];
                relP = new float[b];
                relB = new float[b];
                worst = new float[b];
                heapSize = new int[b];
                heap = new float[b][];
                rated = new int[b][];
                ratedCount = new int[b];
                ratedAt = new int[b];
                cand = new int[b][];
                candUpper = new float[b][];
                candCount = new int[b];
                for (int r = 0; r < b; r++) {
                    rated[r] = new int[16];
                    cand[r] = new int[16];
                    candUpper[r] = new float[16];
                }
            }
            for (int r = 0; r < b; r++) {
                if (heap[r] == null || heap[r].length != k) {
                    heap[r] = new float[k];
                }
                heapSize[r] = 0;
                worst[r] = Float.NEGATIVE_INFINITY;
                candCount[r] = 0;
                ratedAt[r] = 0;
            }
            if (top == null || top.k() != k) {
                top = new TopK(k);
                picked = new int[k];
            }
        }

        void addCandidate(int r, int item, float up) {
            int c = candCount[r];
            if (c == cand[r].length) {
                cand[r] = java.util.Arrays.copyOf(cand[r], 2 * c);
                candUpper[r] = java.util.Arrays.copyOf(candUpper[r], 2 * c);
            }
            cand[r][c] = item;
            candUpper[r][c] = up;
            candCount[r] = c + 1;
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
        // Every item's leading rotated coordinates, as many as the largest d tried (float, for the estimate
        // and the chosen prefix), and, per tried d, the length of the rest.
        int w = dims[dims.length - 1];
        float[] rot = new float[n * w];
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
            for (int j = 0; j < w; j++) {
                rot[i * w + j] = (float) c[j];
            }
        }
        double[][] candidates = sampleCandidates(m, v, rot, w, rest, dims);
        double full = (double) n * k + SELECT_COST * n;
        int best = -1;
        double bestCost = (1 - MIN_SAVING) * full;
        for (int t = 0; t < dims.length; t++) {
            double cost = (double) n * dims[t] + PASS_COST * n + EXACT_COST * k * candidates[t][0];
            if (cost < bestCost) {
                bestCost = cost;
                best = t;
            }
        }
        if (best < 0) {
            return null;
        }
        int d = dims[best];
        boolean[] pays = new boolean[LIST_LENGTHS.length];
        for (int l = 0; l < pays.length; l++) {
            pays[l] = (double) n * d + PASS_COST * n + EXACT_COST * k * candidates[best][l] < (1 - MIN_SAVING) * full;
        }
        // Items in order of decreasing norm (ties by index): the likely best come first, so each user's
        // running threshold is near its final value after the first tile and few items are kept.
        double[] norms = new double[n];
        Integer[] byNorm = new Integer[n];
        for (int i = 0; i < n; i++) {
            norms[i] = sumSquares(q, i * k, k);
            byNorm[i] = i;
        }
        java.util.Arrays.sort(byNorm, (x, y) -> {
            int byLength = Double.compare(norms[y], norms[x]);
            return byLength != 0 ? byLength : Integer.compare(x, y);
        });
        int[] order = new int[n];
        float[] prefix = new float[n * d];
        float[] norm = new float[n];
        float[] bias = new float[n];
        float[] residual = new float[n];
        for (int at = 0; at < n; at++) {
            int i = byNorm[at];
            order[at] = i;
            System.arraycopy(rot, i * w, prefix, at * d, d);
            norm[at] = up(Math.sqrt(norms[i]));
            bias[at] = m.itemBias == null ? 0f : m.itemBias[i];
            residual[at] = rest[best][i];
        }
        return new ProjectedBounds(k, d, n, java.util.Arrays.copyOf(v, d * k),
                Kernels.ItemMajor.of(prefix, 0, n, d), order, residual, norm, bias, pays);
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
     * Mean candidates per user for each projection size and list length ({@link #LIST_LENGTHS}), on
     * {@link #SAMPLE_USERS} users spread over the model (what they rated is not left out: an estimate),
     * in double.
     */
    private static double[][] sampleCandidates(FactorModel m, double[] v, float[] rot, int w, float[][] rest,
                                               int[] dims) {
        int k = m.k;
        int n = m.numItems;
        int users = Math.min(SAMPLE_USERS, m.numUsers);
        double[][] total = new double[dims.length][LIST_LENGTHS.length];
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
                        a += p[j] * rot[i * w + j];
                    }
                    partial[i] = a;
                    double b = m.itemBias == null ? 0 : m.itemBias[i];
                    lower[i] = base + b + a - e * rest[t][i];
                }
                done = dd;
                for (int li = 0; li < LIST_LENGTHS.length; li++) {
                    double l = kthLargest(lower, LIST_LENGTHS[li]);
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        if (lower[i] + 2 * e * rest[t][i] >= l) {
                            count++;
                        }
                    }
                    total[t][li] += count;
                }
            }
        }
        for (double[] row : total) {
            for (int li = 0; li < row.length; li++) {
                row[li] /= users;
            }
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
     * {@link org.movierec.model.ItemScorer#topBlock} for {@code m}, which these bounds were built for
     * ({@code rows} is not needed: the products are consumed a tile at a time).
     */
    void topBlock(FactorModel m, int from, int to, Interactions exclude, int kTop, int[][] outItems,
                  float[][] outScores, int[] counts) {
        int b = to - from;
        Scratch s = scratch.get();
        s.reset(b, kTop);
        float[] userVec = m.userVec();
        float[] y = new float[b * d];
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
            float base = m.userBase(u);
            s.base[r] = base;
            s.eu[r] = up(Math.sqrt(rest));
            s.relP[r] = rel * up(Math.sqrt(sumSquares(userVec, u * k, k)));
            s.relB[r] = rel * Math.abs(base);
            int nr = 0;
            if (exclude != null && u < exclude.numUsers()) {
                nr = exclude.userEnd(u) - exclude.userStart(u);
                if (s.rated[r].length < nr) {
                    s.rated[r] = new int[Math.max(nr, 2 * s.rated[r].length)];
                }
                int[] items = exclude.itemsArray();
                int start = exclude.userStart(u);
                for (int c = 0; c < nr; c++) {
                    s.rated[r][c] = position[items[start + c]];
                }
                java.util.Arrays.sort(s.rated[r], 0, nr);
            }
            s.ratedCount[r] = nr;
        }
        Kernels.gemmItemMajor(Kernels.Summation.SERIAL, y, 0, b, coords,
                (r, j0, values, t) -> scanTile(s, r, j0, values, t));
        long inFull = 0;
        for (int r = 0; r < b; r++) {
            int u = from + r;
            // Drop the candidates below the final k-th lower bound, score the rest in full, select.
            float l = s.heapSize[r] == kTop ? s.worst[r] : Float.NEGATIVE_INFINITY;
            int[] cand = s.cand[r];
            float[] cu = s.candUpper[r];
            int nc = 0;
            for (int c = 0; c < s.candCount[r]; c++) {
                if (cu[c] >= l) {
                    cand[nc++] = order[cand[c]];
                }
            }
            java.util.Arrays.sort(cand, 0, nc); // by item, so that ties go to the lower item as in full scoring
            if (s.scores.length < nc) {
                s.scores = new float[Math.max(nc, 2 * s.scores.length)];
            }
            float[] cs = s.scores;
            for (int c = 0; c < nc; c++) {
                cs[c] = m.fullScore(u, cand[c]);
            }
            int got = s.top.select(cs, nc, s.picked, outScores == null ? null : outScores[r]);
            for (int j = 0; j < got; j++) {
                outItems[r][j] = cand[s.picked[j]];
            }
            counts[r] = got;
            inFull += nc;
        }
        measured(kTop, b, inFull);
    }

    /**
     * One user's tile of projected products: masks the items the user rated, computes every item's
     * lower and upper bound (a vectorized loop), then one scan keeps the k largest lower bounds so far
     * (a running threshold, at most the final one) and every item whose upper bound reaches it (a
     * superset of the candidates, trimmed once the last tile is in).
     */
    private void scanTile(Scratch s, int r, int j0, float[] a, int t) {
        int[] rated = s.rated[r];
        int at = s.ratedAt[r];
        int end = s.ratedCount[r];
        while (at < end && rated[at] < j0 + t) {
            a[rated[at++] - j0] = Float.NEGATIVE_INFINITY;
        }
        s.ratedAt[r] = at;
        int tile = j0 / Kernels.ITEM_TILE;
        float[] res = residual[tile];
        float[] nrm = norm[tile];
        float[] bi = bias[tile];
        float[] rb = relBias[tile];
        float base = s.base[r];
        float eu = s.eu[r];
        float relP = s.relP[r];
        float relB = s.relB[r];
        float[] lower = s.lower;
        float[] upper = s.upper;
        for (int j = 0; j < t; j++) {
            float x = (base + bi[j]) + a[j];
            float slack = eu * res[j] + relP * nrm[j] + (relB + rb[j]);
            lower[j] = x - slack;
            upper[j] = x + slack;
        }
        float[] heap = s.heap[r];
        int kTop = heap.length;
        int size = s.heapSize[r];
        float worst = s.worst[r];
        for (int j = 0; j < t; j++) {
            float lo = lower[j];
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
            float hi = upper[j];
            if (hi >= worst && hi > Float.NEGATIVE_INFINITY) {
                s.addCandidate(r, j0 + j, hi); // a position in scan order
            }
        }
        s.heapSize[r] = size;
        s.worst[r] = worst;
    }
}

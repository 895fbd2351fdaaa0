package org.movierec.algo;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.math.Kernels;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.model.Provenance;
import org.movierec.model.SimpleProvider;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Biased matrix factorization ("SVD" in the Netflix-prize sense): {@code r(u,i) = mu + b_u + b_i + p_u.q_i},
 * fit by stochastic gradient descent on the regularized squared error
 * (S. Funk, "Netflix Update: Try This at Home", 2006; Y. Koren, R. Bell, C. Volinsky, "Matrix
 * factorization techniques for recommender systems", IEEE Computer 2009, eq. 5). For each rating,
 * with {@code e = r - r(u,i)}:
 * <pre>
 * b_u += lr (e - regBias b_u)          b_i += lr (e - regBias b_i)
 * p_u += lr (e q_i - regFactor p_u)    q_i += lr (e p_u - regFactor q_i)
 * </pre>
 * Biases start from {@link BiasBaseline}'s ALS solution (a few cheap sweeps that spare SGD epochs),
 * factors from N(0, initStd^2). The learning rate is multiplied by {@code decay} after each epoch.
 * Ratings are visited user-major: a user's ratings together, which keeps the row {@code p_u} in L1
 * cache (and in a scratch array, see {@code epoch}); that measured about 20% faster than a fully random
 * order on ML-100k (k=100) with the same RMSE.
 *
 * <p><b>Order and threads.</b> With {@code blocks = 1} training is sequential: every epoch visits the
 * users in a fresh permutation and each user's ratings in a fresh permutation, all drawn from one
 * {@link SplittableRandom} seeded by {@code seed}. With {@code blocks = B > 1} it is stratified SGD as
 * in DSGD (R. Gemulla, E. Nijkamp, P. J. Haas, Y. Sismanis, "Large-scale matrix factorization with
 * distributed stochastic gradient descent", KDD 2011): users and items are each cut into B blocks
 * (a seeded permutation cut where the running rating count passes a multiple of n/B, so blocks hold
 * about n/B ratings each), and every epoch runs as B sub-epochs; in sub-epoch {@code s}, cell
 * {@code (b, (b + s) mod B)} for each b is one task. Cells of one sub-epoch share no user and no item,
 * so the tasks run on {@link Parallel} without locks or races, and together the sub-epochs visit every
 * rating once per epoch. Each cell has its own random stream (split from the seed's stream in cell
 * order) for its user-major visiting order, so the model depends only on the config (seed and
 * {@code blocks}), not on the thread count or timing: the same config gives the same model on any
 * machine (Hogwild-style parallel SGD would depend on timing). The default {@code blocks = 2} keeps
 * both cores of a 2-core machine busy; with more threads than blocks the extra threads idle.
 *
 * <p>Users and items without training ratings get zero factors (they are scored by their biases).
 */
public final class BiasedMF implements Trainer<RatingFactorModel> {
    /** The name on the command line, in provenance and as the model-file type key. */
    public static final String NAME = "biased-mf";

    /**
     * @param factors      latent dimension k
     * @param epochs       SGD passes over the ratings
     * @param learningRate initial step size
     * @param decay        step size multiplier per epoch (1 = constant)
     * @param regBias      L2 penalty on biases
     * @param regFactor    L2 penalty on factors
     * @param initStd      standard deviation of the initial factors
     * @param seed         random seed (initialization and visiting order)
     * @param blocks       DSGD strata per side: 1 = sequential SGD, B > 1 = B x B cells, B at a time in
     *                     parallel (see the class comment); part of the result, unlike the thread count
     */
    public record Config(int factors, int epochs, float learningRate, float decay, float regBias, float regFactor,
                         float initStd, long seed, int blocks) {
        /** Default {@code blocks}: both cores of a 2-core machine. */
        public static final int DEFAULT_BLOCKS = 2;

        /** Upper bound on {@code blocks}; B x B cells each keep their own random stream. */
        public static final int MAX_BLOCKS = 256;

        /** Tuned on a validation split of ML-100k u1.base (see docs/latent-factor-models.md). */
        public static final Config DEFAULTS = new Config(100, 100, 0.01f, 0.98f, 0.005f, 0.07f, 0.01f, 42L,
                DEFAULT_BLOCKS);

        public Config {
            LatentMath.requireSgd(factors, epochs, learningRate, decay, regBias, regFactor);
            LatentMath.require(initStd >= 0, "initStd", initStd, ">= 0");
            LatentMath.require(blocks >= 1 && blocks <= MAX_BLOCKS, "blocks", blocks, "in [1, " + MAX_BLOCKS + "]");
        }

        /** With {@link #DEFAULT_BLOCKS}. */
        public Config(int factors, int epochs, float learningRate, float decay, float regBias, float regFactor,
                      float initStd, long seed) {
            this(factors, epochs, learningRate, decay, regBias, regFactor, initStd, seed, DEFAULT_BLOCKS);
        }
    }

    private final Config config;

    public BiasedMF() {
        this(Config.DEFAULTS);
    }

    public BiasedMF(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public RatingFactorModel fit(Dataset train, Dataset validation, ProgressListener progress) {
        Interactions in = train.interactions();
        int k = config.factors();
        int nu = in.numUsers();
        int ni = in.numItems();
        BiasBaseline.Biases b0 = LatentMath.startBiases(in);
        float mu = b0.mean();
        float[] bu = b0.user().clone();
        float[] bi = b0.item().clone();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        float[] p = LatentMath.gaussian(nu * k, config.initStd(), rnd);
        float[] q = LatentMath.gaussian(ni * k, config.initStd(), rnd);
        progress.start(name() + " epochs", config.epochs());
        if (config.blocks() == 1) {
            sequential(in, rnd, mu, bu, bi, p, q, progress);
        } else {
            stratified(in, rnd, mu, bu, bi, p, q, progress);
        }
        progress.done();
        LatentMath.zeroColdUsers(p, in, k);
        LatentMath.zeroColdItems(q, in.itemCounts(), k);
        return FactorModel.biased(NAME, Provenance.untrained(name(), config, config.seed()), k, mu, bu, bi, p, q,
                config.regFactor());
    }

    /** {@code blocks = 1}: each epoch one user-major permutation of all ratings, one pass. */
    private void sequential(Interactions in, SplittableRandom rnd, float mu, float[] bu, float[] bi, float[] p,
                            float[] q, ProgressListener progress) {
        int[] users = in.usersArray();
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        int n = in.size();
        int k = config.factors();
        int[] order = LatentMath.identity(n);
        float lr = config.learningRate();
        int[] userOrder = LatentMath.identity(in.numUsers());
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            LatentMath.shuffle(userOrder, rnd);
            int w = 0;
            for (int u : userOrder) {
                int st = in.userStart(u);
                int en = in.userEnd(u);
                for (int x = st; x < en; x++) {
                    order[w++] = x;
                }
                LatentMath.shuffleSegment(order, w - (en - st), w, rnd);
            }
            epoch(order, 0, n, users, items, ratings, mu, bu, bi, p, q, k, lr, config.regBias(), config.regFactor());
            lr *= config.decay();
            progress.advance(1);
            Training.endEpoch(progress, epoch + 1);
        }
    }

    /**
     * {@code blocks = B > 1}: DSGD strata (see the class comment). Everything per cell is laid out once
     * in primitive arrays, cell {@code c = ub * B + ib} after cell {@code c - 1}:
     * <ul>
     * <li>{@code grouped[cellStart[c] .. cellStart[c+1])}: the cell's rating positions, user by user;</li>
     * <li>{@code segOrder[segStart[c] .. segStart[c+1])}: indexes of the cell's user segments, which the
     * cell shuffles in place each epoch; segment {@code j} is {@code grouped[segFrom[j] .. segFrom[j+1])}.</li>
     * </ul>
     * Each epoch a cell's task writes its visiting order into its own range of {@code order} (user
     * segments in a fresh permutation, each segment's ratings in a fresh permutation, from the cell's
     * own stream) and runs {@link #epoch} over that range.
     */
    private void stratified(Interactions in, SplittableRandom rnd, float mu, float[] bu, float[] bi, float[] p,
                            float[] q, ProgressListener progress) {
        int[] users = in.usersArray();
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        int n = in.size();
        int k = config.factors();
        int nb = config.blocks();
        int cells = nb * nb;
        int[] userBlock = blocksOf(in.numUsers(), userCounts(in), n, nb, rnd);
        int[] itemBlock = blocksOf(in.numItems(), in.itemCounts(), n, nb, rnd);
        SplittableRandom[] cellRnd = new SplittableRandom[cells];
        for (int c = 0; c < cells; c++) {
            cellRnd[c] = rnd.split();
        }
        // Counting pass: ratings per cell, user segments per cell.
        int[] cellStart = new int[cells + 1];
        int[] segStart = new int[cells + 1];
        int[] lastUser = new int[cells];
        Arrays.fill(lastUser, -1);
        for (int u = 0; u < in.numUsers(); u++) {
            int rowBase = userBlock[u] * nb;
            for (int x = in.userStart(u); x < in.userEnd(u); x++) {
                int c = rowBase + itemBlock[items[x]];
                cellStart[c + 1]++;
                if (lastUser[c] != u) {
                    lastUser[c] = u;
                    segStart[c + 1]++;
                }
            }
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
            segStart[c + 1] += segStart[c];
        }
        int segs = segStart[cells];
        int[] grouped = new int[n];
        int[] segFrom = new int[segs + 1];
        int[] fill = Arrays.copyOf(cellStart, cells);
        int[] segFill = Arrays.copyOf(segStart, cells);
        Arrays.fill(lastUser, -1);
        for (int u = 0; u < in.numUsers(); u++) {
            int rowBase = userBlock[u] * nb;
            for (int x = in.userStart(u); x < in.userEnd(u); x++) {
                int c = rowBase + itemBlock[items[x]];
                if (lastUser[c] != u) {
                    lastUser[c] = u;
                    segFrom[segFill[c]++] = fill[c];
                }
                grouped[fill[c]++] = x;
            }
        }
        segFrom[segs] = n;
        // Cell segments are contiguous in grouped in cell order, so segment j ends where j + 1 begins.
        int[] segOrder = LatentMath.identity(segs);
        // Training runs on copies laid out block by block (see blockMajor), translated back at the end.
        int nu = in.numUsers();
        int ni = in.numItems();
        int[] userSlot = blockMajor(userBlock, nb);
        int[] itemSlot = blockMajor(itemBlock, nb);
        int[] su = new int[n];
        int[] si = new int[n];
        for (int x = 0; x < n; x++) {
            su[x] = userSlot[users[x]];
            si[x] = itemSlot[items[x]];
        }
        float[] sbu = new float[nu];
        float[] sp = new float[nu * k];
        for (int u = 0; u < nu; u++) {
            sbu[userSlot[u]] = bu[u];
            System.arraycopy(p, u * k, sp, userSlot[u] * k, k);
        }
        float[] sbi = new float[ni];
        float[] sq = new float[ni * k];
        for (int i = 0; i < ni; i++) {
            sbi[itemSlot[i]] = bi[i];
            System.arraycopy(q, i * k, sq, itemSlot[i] * k, k);
        }
        int[] order = new int[n];
        float regB = config.regBias();
        float regF = config.regFactor();
        float lr = config.learningRate();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            float epochLr = lr;
            for (int s = 0; s < nb; s++) {
                int sub = s;
                Parallel.forRange(nb, (chunk, from, to) -> {
                    for (int b = from; b < to; b++) {
                        int c = b * nb + (b + sub) % nb;
                        int lo = cellStart[c];
                        int w = lo;
                        SplittableRandom r = cellRnd[c];
                        LatentMath.shuffleSegment(segOrder, segStart[c], segStart[c + 1], r);
                        for (int j = segStart[c]; j < segStart[c + 1]; j++) {
                            int seg = segOrder[j];
                            int st = segFrom[seg];
                            int len = segFrom[seg + 1] - st;
                            System.arraycopy(grouped, st, order, w, len);
                            LatentMath.shuffleSegment(order, w, w + len, r);
                            w += len;
                        }
                        epoch(order, lo, w, su, si, ratings, mu, sbu, sbi, sp, sq, k, epochLr, regB, regF);
                    }
                });
            }
            lr *= config.decay();
            progress.advance(1);
            Training.endEpoch(progress, epoch + 1);
        }
        for (int u = 0; u < nu; u++) {
            bu[u] = sbu[userSlot[u]];
            System.arraycopy(sp, userSlot[u] * k, p, u * k, k);
        }
        for (int i = 0; i < ni; i++) {
            bi[i] = sbi[itemSlot[i]];
            System.arraycopy(sq, itemSlot[i] * k, q, i * k, k);
        }
    }

    /**
     * Slot of each row when the rows are laid out block by block (block 0's rows first, each block's
     * rows in id order). With the seeded, interleaved partition, rows of different blocks would share
     * cache lines in {@code b_u}, {@code b_i}, {@code p} and {@code q}, which two workers writing at
     * once would bounce between cores (false sharing). Only the layout changes, not the arithmetic.
     */
    private static int[] blockMajor(int[] block, int nb) {
        int[] start = new int[nb + 1];
        for (int b : block) {
            start[b + 1]++;
        }
        for (int b = 0; b < nb; b++) {
            start[b + 1] += start[b];
        }
        int[] slot = new int[block.length];
        for (int r = 0; r < block.length; r++) {
            slot[r] = start[block[r]]++;
        }
        return slot;
    }

    private static int[] userCounts(Interactions in) {
        int[] counts = new int[in.numUsers()];
        for (int u = 0; u < counts.length; u++) {
            counts[u] = in.userEnd(u) - in.userStart(u);
        }
        return counts;
    }

    /**
     * Block of each of {@code m} rows: a permutation from {@code rnd}, cut into {@code nb} contiguous
     * runs where the running rating count passes {@code n * (b + 1) / nb}, so blocks hold about equal
     * numbers of ratings (a random cut rather than one by index, so that blocks inherit no order of the
     * ids). On ML-100k u1.base with B = 2 the four cells hold within about 1% of n/4 ratings each, so the
     * B tasks of a sub-epoch finish at about the same time.
     */
    private static int[] blocksOf(int m, int[] counts, int n, int nb, SplittableRandom rnd) {
        int[] perm = LatentMath.identity(m);
        LatentMath.shuffle(perm, rnd);
        int[] block = new int[m];
        long seen = 0;
        int b = 0;
        for (int r : perm) {
            block[r] = b;
            seen += counts[r];
            while (b < nb - 1 && seen * nb >= (long) n * (b + 1)) {
                b++;
            }
        }
        return block;
    }

    /**
     * One SGD pass over {@code order[from..to)}. A method of its own so that the JIT compiles it as a
     * whole (a loop inside the long {@code fit} would only get on-stack replacement).
     */
    private static void epoch(int[] order, int from, int to, int[] users, int[] items, float[] ratings, float mu,
                              float[] bu, float[] bi, float[] p, float[] q, int k, float lr, float regB, float regF) {
        // The current user's row and the current movie's row live in scratch arrays allocated here:
        // the JIT then knows they cannot alias each other, which lets it vectorize the update loop.
        // (With q itself in the loop, Java 17's C2 left the loop scalar: a throwaway benchmark of this
        // method on ML-100k's shape, k = 100, measured about 120 ns per rating against 175 ns.)
        float[] pu = new float[k];
        float[] qi = new float[k];
        if (from >= to) {
            return;
        }
        // The first user's row is loaded before the loop, so the loop has no "no user yet" test: that
        // branch is taken once per call, which the JIT's first optimized version, compiled mid-loop,
        // had never seen, so every call threw it back to the interpreter until it was recompiled.
        int cur = users[order[from]];
        System.arraycopy(p, cur * k, pu, 0, k);
        float decay = 1 - lr * regF;
        for (int x = from; x < to; x++) {
            int pos = order[x];
            int u = users[pos];
            if (u != cur) {
                System.arraycopy(pu, 0, p, cur * k, k);
                System.arraycopy(p, u * k, pu, 0, k);
                cur = u;
            }
            int i = items[pos];
            int io = i * k;
            System.arraycopy(q, io, qi, 0, k);
            float e = ratings[pos] - (mu + bu[u] + bi[i] + Kernels.dot(pu, 0, qi, 0, k));
            bu[u] += lr * (e - regB * bu[u]);
            bi[i] += lr * (e - regB * bi[i]);
            float le = lr * e;
            for (int f = 0; f < k; f++) {
                float pf = pu[f];
                float qf = qi[f];
                pu[f] = decay * pf + le * qf;
                qi[f] = decay * qf + le * pf;
            }
            System.arraycopy(qi, 0, q, io, k);
        }
        System.arraycopy(pu, 0, p, cur * k, k);
    }

    /** Reads a biased-mf payload (the {@link FactorModel#BIASED} layout). */
    public static RatingFactorModel read(DataInputStream in, Provenance pr, Dataset train) throws IOException {
        return FactorModel.read(in, pr, NAME, FactorModel.BIASED);
    }

    /** Registers {@value #NAME} with {@link org.movierec.model.AlgorithmRegistry}. */
    public static final class Provider extends SimpleProvider<Config> {
        public Provider() {
            super(NAME, "biased matrix factorization (Funk/Koren SVD), SGD", Config.DEFAULTS, BiasedMF::new, BiasedMF::read,
                    Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.SIMILAR_ITEMS, Capability.FOLD_IN, Capability.NEEDS_RATINGS,
                    Capability.INNER_PRODUCT);
        }
    }
}

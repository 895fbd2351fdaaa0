package org.movierec.algo;

import java.util.SplittableRandom;
import org.movierec.data.Interactions;

/**
 * The training pieces the factor models share (their scoring, fold-in and payloads live in
 * {@link FactorModel}, their numeric kernels in {@link org.movierec.math.Kernels}): hyperparameter
 * checks, initialization, visiting order, and the SVD++ implicit sum with its per-user SGD bookkeeping.
 * Everything is static so that hot loops call no virtual method.
 */
final class LatentMath {
    private LatentMath() {
    }

    /** Throws an IllegalArgumentException naming the hyperparameter and its bad value. */
    static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("hyperparameter " + name + "=" + value + " is invalid: must be " + rule);
        }
    }

    /**
     * Checks the hyperparameters every SGD-trained latent model has, in this order (the model's own
     * follow, then {@code initStd}).
     */
    static void requireSgd(int factors, int epochs, float learningRate, float decay, float regBias,
                           float regFactor) {
        require(factors >= 1, "factors", factors, ">= 1");
        require(epochs >= 0, "epochs", epochs, ">= 0");
        require(learningRate > 0, "learningRate", learningRate, "> 0");
        require(decay > 0 && decay <= 1, "decay", decay, "in (0, 1]");
        require(regBias >= 0, "regBias", regBias, ">= 0");
        require(regFactor >= 0, "regFactor", regFactor, ">= 0");
    }

    /** The starting biases of every latent model: {@link BiasBaseline}'s ALS solution (a few cheap sweeps). */
    static BiasBaseline.Biases startBiases(Interactions in) {
        return BiasBaseline.fitBiases(in, 15f, 10f, 5);
    }

    /** A new array of {@code n} N(0, sd^2) draws, see {@link #gaussian(float[], double, SplittableRandom)}. */
    static float[] gaussian(int n, double sd, SplittableRandom rnd) {
        float[] m = new float[n];
        gaussian(m, sd, rnd);
        return m;
    }

    /** Fills {@code m} with N(0, sd^2) draws in index order (so the result depends only on the seed). */
    static void gaussian(float[] m, double sd, SplittableRandom rnd) {
        for (int x = 0; x < m.length; x++) {
            m[x] = (float) (rnd.nextGaussian() * sd);
        }
    }

    /** Zeroes the rows of users without training ratings, so that they score by biases alone. */
    static void zeroColdUsers(float[] p, Interactions in, int k) {
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) == 0) {
                java.util.Arrays.fill(p, u * k, (u + 1) * k, 0f);
            }
        }
    }

    /** Zeroes the rows of items without training ratings. */
    static void zeroColdItems(float[] q, int[] itemCounts, int k) {
        for (int i = 0; i < itemCounts.length; i++) {
            if (itemCounts[i] == 0) {
                java.util.Arrays.fill(q, i * k, (i + 1) * k, 0f);
            }
        }
    }

    /** A permutation of {@code 0..n-1} by Fisher-Yates from {@code rnd}, written into {@code perm}. */
    static void shuffle(int[] perm, SplittableRandom rnd) {
        for (int x = perm.length - 1; x > 0; x--) {
            int y = rnd.nextInt(x + 1);
            int t = perm[x];
            perm[x] = perm[y];
            perm[y] = t;
        }
    }

    /** {@code 0, 1, ..., n-1}. */
    static int[] identity(int n) {
        int[] a = new int[n];
        for (int x = 0; x < n; x++) {
            a[x] = x;
        }
        return a;
    }

    /** Fisher-Yates over {@code a[from..to)}. */
    static void shuffleSegment(int[] a, int from, int to, SplittableRandom rnd) {
        for (int x = to - 1; x > from; x--) {
            int j = from + rnd.nextInt(x - from + 1);
            int t = a[x];
            a[x] = a[j];
            a[j] = t;
        }
    }

    /**
     * The SVD++ epoch order: shuffles {@code userOrder}, then each user's segment
     * {@code [userStart, userEnd)} of {@code order} in place, in the new user order.
     */
    static void shuffleUserMajor(Interactions in, int[] userOrder, int[] order, SplittableRandom rnd) {
        shuffle(userOrder, rnd);
        for (int u : userOrder) {
            shuffleSegment(order, in.userStart(u), in.userEnd(u), rnd);
        }
    }

    /** {@code out = norm * sum_{x in [start,end)} y[items[x]]}. */
    static void implicitSum(int[] items, int start, int end, float[] y, int k, float norm, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int x = start; x < end; x++) {
            int jo = items[x] * k;
            for (int f = 0; f < k; f++) {
                out[f] += y[jo + f];
            }
        }
        for (int f = 0; f < k; f++) {
            out[f] *= norm;
        }
    }

    /** Every user's {@code |N(u)|^-1/2 sum y_j}, flat {@code numUsers x k} (zeros for users without ratings). */
    static float[] implicitSums(Interactions in, float[] y, int k) {
        int nu = in.numUsers();
        float[] out = new float[nu * k];
        float[] z = new float[k];
        for (int u = 0; u < nu; u++) {
            int n = in.userCount(u);
            if (n > 0) {
                implicitSum(in.itemsArray(), in.userStart(u), in.userEnd(u), y, k, (float) (1 / Math.sqrt(n)), z);
                System.arraycopy(z, 0, out, u * k, k);
            }
        }
        return out;
    }

    /**
     * The start of an SVD++ user visit (see {@link SvdPlusPlus}): {@code z = norm sum_{j in N(u)} y_j},
     * the gradient accumulator {@code acc} cleared, {@code pu = p_u} and {@code pz = p_u + z}. Called once
     * per user, not per rating; the scratch rows are the caller's (allocated in its epoch method).
     */
    static void beginImplicitUser(int[] items, int start, int end, float norm, float[] p, int uo, float[] y, int k,
                                  float[] z, float[] acc, float[] pu, float[] pz) {
        implicitSum(items, start, end, y, k, norm, z);
        java.util.Arrays.fill(acc, 0f);
        System.arraycopy(p, uo, pu, 0, k);
        for (int f = 0; f < k; f++) {
            pz[f] = pu[f] + z[f];
        }
    }

    /**
     * One rating's factor step of an SVD++ user visit, with {@code le = lr e}, on the caller's scratch
     * copy {@code qi} of the movie's row (the caller copies {@code q_i} in before its dot product and
     * back after): {@code p_u = shrinkF p_u + le q_i}, {@code q_i = shrinkF q_i + le (p_u + z)} (both
     * from the old values), {@code pz = p_u + z} kept current, and {@code acc += e q_i} (the old
     * {@code q_i}) for the user's one y step. Static and small, so that the JIT inlines it into the
     * epoch loop, where the scratch rows are known not to alias each other: with {@code q} itself in
     * the loop, Java 17's C2 left it scalar (see {@link BiasedMF}'s epoch, the same step without z).
     */
    static void implicitFactorStep(float[] qi, float[] pu, float[] pz, float[] z, float[] acc, int k,
                                   float shrinkF, float le, float e) {
        for (int f = 0; f < k; f++) {
            float qf = qi[f];
            float pf = shrinkF * pu[f] + le * qf;
            qi[f] = shrinkF * qf + le * pz[f];
            pu[f] = pf;
            pz[f] = pf + z[f];
            acc[f] += e * qf;
        }
    }

    /**
     * The end of an SVD++ user visit: {@code p_u = pu}, and every {@code y_j, j in N(u)} takes its one
     * accumulated step {@code y_j = shrinkY y_j + step acc} (with {@code step = lr |N(u)|^-1/2}).
     */
    static void endImplicitUser(int[] items, int start, int end, float[] p, int uo, float[] pu, float[] y, int k,
                                float shrinkY, float step, float[] acc) {
        System.arraycopy(pu, 0, p, uo, k);
        for (int x = start; x < end; x++) {
            int jo = items[x] * k;
            for (int f = 0; f < k; f++) {
                y[jo + f] = shrinkY * y[jo + f] + step * acc[f];
            }
        }
    }
}

package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.movierec.data.Interactions;
import org.movierec.math.Cholesky;
import org.movierec.model.ModelIO;

/**
 * Small numeric kernels shared by the latent-factor models (BiasedMF, SVD++, timeSVD++): factor
 * matrices are flat row-major float arrays ({@code m[row * k + f]}) so that a row is one
 * contiguous, cache-friendly run and no per-row object exists. Also the pieces the three models
 * share: hyperparameter checks, initialization, visiting order, the SVD++ implicit sum and its per-user
 * SGD bookkeeping, fold-in, scoring and payload helpers. Everything is static so that hot loops call
 * no virtual method.
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

    /**
     * {@code a[ao..ao+k) . b[bo..bo+k)}, accumulated in float (k is at most a few hundred). Four
     * independent partial sums: the JIT may not reorder a single float sum, so one accumulator
     * serializes every add on the previous one; four let the adds overlap (about 2x on k=100).
     */
    static float dot(float[] a, int ao, float[] b, int bo, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (int end = k - 3; f < end; f += 4) {
            s0 += a[ao + f] * b[bo + f];
            s1 += a[ao + f + 1] * b[bo + f + 1];
            s2 += a[ao + f + 2] * b[bo + f + 2];
            s3 += a[ao + f + 3] * b[bo + f + 3];
        }
        for (; f < k; f++) {
            s0 += a[ao + f] * b[bo + f];
        }
        return (s0 + s1) + (s2 + s3);
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

    /** Euclidean norm of each row of a flat {@code n x k} matrix. */
    static float[] rowNorms(float[] m, int k) {
        int n = m.length / k;
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int f = 0; f < k; f++) {
                float v = m[r * k + f];
                s += v * v;
            }
            out[r] = (float) Math.sqrt(s);
        }
        return out;
    }

    /**
     * Cosine similarity of item {@code item}'s factor row with every row: {@code q_i.q_j / (|q_i| |q_j|)},
     * 0 where either row is all zeros (items without training data).
     */
    static void cosine(float[] q, float[] norms, int k, int item, float[] out) {
        int n = norms.length;
        float ni = norms[item];
        for (int j = 0; j < n; j++) {
            float d = ni * norms[j];
            out[j] = d == 0 ? 0f : dot(q, item * k, q, j * k, k) / d;
        }
    }

    /**
     * Fold-in of a user vector against fixed item factors: ridge regression
     * {@code p = argmin sum_i (res_i - q_i.p)^2 + lambda |p|^2}, i.e. {@code (Q^T Q + lambda I) p = Q^T res},
     * solved by Cholesky in double precision (the k x k system is tiny next to the item scan).
     *
     * @param q      item factors, flat {@code numItems x k}
     * @param items  the rated items
     * @param res    the residuals to explain (rating minus everything the model already predicts)
     * @param lambda ridge penalty ({@code > 0} keeps the system positive definite)
     * @return the user vector (length k)
     */
    static float[] ridge(float[] q, int k, int[] items, double[] res, double lambda) {
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int n = 0; n < items.length; n++) {
            int o = items[n] * k;
            for (int f = 0; f < k; f++) {
                double qf = q[o + f];
                b[f] += qf * res[n];
                for (int g = f; g < k; g++) {
                    a[f * k + g] += qf * q[o + g];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        Cholesky.solve(a, k, b);
        float[] p = new float[k];
        for (int f = 0; f < k; f++) {
            p[f] = (float) b[f];
        }
        return p;
    }

    /** Checks a fold-in request's arrays and item range. */
    static void checkFoldIn(int[] items, float[] ratings, float[] out, int numItems) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException("fold-in: " + items.length + " items but " + ratings.length
                    + " ratings");
        }
        if (out.length != numItems) {
            throw new IllegalArgumentException("fold-in: output length " + out.length + ", expected " + numItems);
        }
        for (int i : items) {
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("fold-in: item " + i + " outside 0.." + (numItems - 1));
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
     * One rating's factor step of an SVD++ user visit, with {@code le = lr e}:
     * {@code p_u = shrinkF p_u + le q_i}, {@code q_i = shrinkF q_i + le (p_u + z)} (both from the old
     * values), {@code pz = p_u + z} kept current, and {@code acc += e q_i} (the old {@code q_i}) for the
     * user's one y step. Static and small, so that the JIT inlines it into the epoch loop, where the
     * scratch rows {@code pu, pz, z, acc} are known not to alias {@code q}.
     */
    static void implicitFactorStep(float[] q, int io, float[] pu, float[] pz, float[] z, float[] acc, int k,
                                   float shrinkF, float le, float e) {
        for (int f = 0; f < k; f++) {
            float qf = q[io + f];
            float pf = shrinkF * pu[f] + le * qf;
            q[io + f] = shrinkF * qf + le * pz[f];
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

    /** {@code a + b} elementwise, a new array (the SVD++ user side {@code p_u + z_u}). */
    static float[] sum(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int x = 0; x < a.length; x++) {
            out[x] = a[x] + b[x];
        }
        return out;
    }

    /** {@code out[i] = base + itemBias[i] + vec[vo..vo+k) . q_i} for every item. */
    static void scoreItems(float base, float[] itemBias, float[] vec, int vo, float[] q, int k, float[] out) {
        for (int i = 0; i < itemBias.length; i++) {
            out[i] = base + itemBias[i] + dot(vec, vo, q, i * k, k);
        }
    }

    /** Shrinkage (in ratings) of a folded-in user's bias toward 0. */
    static final float FOLD_IN_BIAS_SHRINK = 5f;

    /** The shrunken mean residual {@code sum (r - mu - b_i) / (FOLD_IN_BIAS_SHRINK + n)}. */
    static float foldInBias(float mean, float[] itemBias, int[] items, float[] ratings) {
        double s = 0;
        for (int n = 0; n < items.length; n++) {
            s += ratings[n] - mean - itemBias[items[n]];
        }
        return (float) (s / (FOLD_IN_BIAS_SHRINK + items.length));
    }

    /**
     * Folds in a user from their ratings against fixed item parameters: the implicit part
     * {@code z = |N|^-1/2 sum y_j} over the rated items (none when {@code y} is null, plain MF), the bias
     * {@code b_u = sum (r - mu - b_i) / (FOLD_IN_BIAS_SHRINK + n)}, then {@code p_u} by ridge regression of
     * the residuals {@code r - mu - b_u - b_i - q_i.z} on the fixed {@code q_i} with penalty
     * {@code regFactor * n + 1} (the training penalty summed over the user's n ratings, plus 1 so that a
     * user with one rating stays bounded).
     *
     * @param vec receives the user side of the dot product, {@code p_u + z} (length k)
     * @return the user bias {@code b_u}
     */
    static float foldIn(float[] q, float[] y, int k, float mean, float[] itemBias, float regFactor, int[] items,
                        float[] ratings, float[] vec) {
        float[] z = new float[k];
        if (y != null && items.length > 0) {
            implicitSum(items, 0, items.length, y, k, (float) (1 / Math.sqrt(items.length)), z);
        }
        float bu = foldInBias(mean, itemBias, items, ratings);
        double[] res = new double[items.length];
        for (int n = 0; n < items.length; n++) {
            float r = ratings[n] - mean - bu - itemBias[items[n]];
            res[n] = y == null ? r : r - dot(q, items[n] * k, z, 0, k);
        }
        float[] pu = ridge(q, k, items, res, regFactor * items.length + 1.0);
        for (int f = 0; f < k; f++) {
            vec[f] = y == null ? pu[f] : z[f] + pu[f];
        }
        return bu;
    }

    /** Writes each array with {@link ModelIO#writeFloats}, in order. */
    static void writeFloats(DataOutputStream out, float[]... arrays) throws IOException {
        for (float[] a : arrays) {
            ModelIO.writeFloats(out, a);
        }
    }

    /** Reads {@code count} arrays written by {@link ModelIO#writeFloats}, in order. */
    static float[][] readFloats(DataInputStream in, int count) throws IOException {
        float[][] a = new float[count][];
        for (int x = 0; x < count; x++) {
            a[x] = ModelIO.readFloats(in);
        }
        return a;
    }
}

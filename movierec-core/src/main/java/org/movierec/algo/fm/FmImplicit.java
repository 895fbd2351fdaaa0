package org.movierec.algo.fm;

import java.util.SplittableRandom;
import org.movierec.data.Interactions;
import org.movierec.feature.FeatureSpace;
import org.movierec.util.Parallel;

/**
 * Gibbs updates of the implicit block ({@code x_{u,j} = c_u = 1/sqrt(n_u)} for every movie j that
 * user u rated) without materializing it in the rows. Materialized, that block has
 * {@code sum_u n_u^2} non-zeros (13.4 million on ML-100k u1.base against 0.64 million for all the
 * other blocks); but every row of a user shares it, so the sums a draw needs can be kept per user
 * (the idea of S. Rendle, "Scaling Factorization Machines to Relational Data", VLDB 2013).
 *
 * <p>For factor column f and implicit feature j with old value v, the rows r of a user u who rated
 * j have {@code h_r = c (q_r - v c)}. With per-user sums over those rows {@code E = sum e_r},
 * {@code S1 = sum q_r}, {@code S2 = sum q_r^2}, {@code EQ = sum e_r q_r}:
 * <pre>
 *   sum h_r^2   = c^2 (S2 - 2 v c S1 + n v^2 c^2)
 *   sum e_r h_r = c (EQ - v c E)
 * </pre>
 * and after the draw moves v by {@code d} ({@code q_r += d c}, {@code e_r -= d h_r}):
 * <pre>
 *   E'  = E - d c (S1 - n v c)
 *   EQ' = EQ + d c E - d c S2 - d^2 c^2 S1 + d c^2 v S1 + n d^2 c^3 v
 *   S2' = S2 + 2 d c S1 + n d^2 c^2,   S1' = S1 + n d c
 * </pre>
 * so a draw costs O(users who rated j) and a column O(ratings). The rows themselves are brought up
 * to date once per column: with {@code D_u = sum of the user's moves} and
 * {@code K_u = sum_j d_j (D_u before j - v_j)}, {@code e_r -= c D_u q_r + c^2 K_u} and
 * {@code q_r += c D_u}. Linear weights are the special case {@code h_r = c}, where
 * {@code sum h_r^2 = n c^2 = 1}. The result equals the materialized sampler up to rounding
 * (tested).
 */
final class FmImplicit {
    private final int offset;
    private final int numUsers;
    private final int[] userStart;
    private final float[] c;
    private final int[] n;
    private final int[] itemStart;
    private final int[] itemUsers;
    private final double[] e1;
    private final double[] s1;
    private final double[] s2;
    private final double[] eq;
    private final double[] dsum;
    private final double[] ksum;

    FmImplicit(FeatureSpace space, Interactions in) {
        this.offset = space.offset(FeatureSpace.Block.IMPLICIT);
        this.numUsers = in.numUsers();
        this.userStart = in.userOffsetsArray();
        this.c = new float[numUsers];
        this.n = new int[numUsers];
        for (int u = 0; u < numUsers; u++) {
            n[u] = in.userCount(u);
            c[u] = n[u] == 0 ? 0f : (float) (1.0 / Math.sqrt(n[u]));
        }
        int ni = in.numItems();
        Interactions.ItemView byItem = in.byItem();
        int[] pos = byItem.positionsArray();
        this.itemStart = new int[ni + 1];
        this.itemUsers = new int[in.size()];
        int k = 0;
        for (int i = 0; i < ni; i++) {
            itemStart[i] = k;
            for (int x = byItem.itemStart(i); x < byItem.itemEnd(i); x++) {
                itemUsers[k++] = in.user(pos[x]);
            }
        }
        itemStart[ni] = k;
        e1 = new double[numUsers];
        s1 = new double[numUsers];
        s2 = new double[numUsers];
        eq = new double[numUsers];
        dsum = new double[numUsers];
        ksum = new double[numUsers];
    }

    /** Number of users whose implicit block contains movie {@code i}. */
    int count(int i) {
        return itemStart[i + 1] - itemStart[i];
    }

    /** Adds {@code c_u sum_{j in N(u)} v_jf} to the {@code q_r} of every row of u. */
    void addQ(FmParams m, int f, double[] q, int[] itemsOfRows) {
        int k = m.k;
        Parallel.forRange(numUsers, (chunk, lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int from = userStart[u];
                int to = userStart[u + 1];
                double z = 0;
                for (int r = from; r < to; r++) {
                    z += m.v[(offset + itemsOfRows[r]) * k + f];
                }
                z *= c[u];
                for (int r = from; r < to; r++) {
                    q[r] += z;
                }
            }
        });
    }

    /** Draws the implicit block's linear weights (see the class comment), updating {@code e}. */
    void sampleW(FmParams m, double[] e, double alpha, double mu, double lambda, SplittableRandom rnd) {
        for (int u = 0; u < numUsers; u++) {
            double s = 0;
            for (int r = userStart[u]; r < userStart[u + 1]; r++) {
                s += e[r];
            }
            e1[u] = s;
            dsum[u] = 0;
        }
        int ni = itemStart.length - 1;
        for (int i = 0; i < ni; i++) {
            int from = itemStart[i];
            int to = itemStart[i + 1];
            if (from == to) {
                continue;
            }
            int j = offset + i;
            double old = m.w[j];
            double eh = 0;
            for (int x = from; x < to; x++) {
                int u = itemUsers[x];
                eh += c[u] * e1[u] + old;
            }
            double prec = alpha * (to - from) + lambda;
            double mean = (alpha * eh + mu * lambda) / prec;
            float nw = (float) (mean + rnd.nextGaussian() / Math.sqrt(prec));
            double d = nw - old;
            m.w[j] = nw;
            for (int x = from; x < to; x++) {
                int u = itemUsers[x];
                e1[u] -= n[u] * d * c[u];
                dsum[u] += d;
            }
        }
        for (int u = 0; u < numUsers; u++) {
            double shift = c[u] * dsum[u];
            for (int r = userStart[u]; r < userStart[u + 1]; r++) {
                e[r] -= shift;
            }
        }
    }

    /**
     * Draws the implicit block's factors of column f (see the class comment); {@code q} must hold
     * the full {@code q_rf}, including this block. Updates {@code e} and {@code q}.
     */
    void sampleV(FmParams m, int f, double[] e, double[] q, double alpha, double mu, double lambda,
                 SplittableRandom rnd) {
        int k = m.k;
        Parallel.forRange(numUsers, (chunk, lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                double a = 0;
                double b = 0;
                double b2 = 0;
                double ab = 0;
                for (int r = userStart[u]; r < userStart[u + 1]; r++) {
                    a += e[r];
                    b += q[r];
                    b2 += q[r] * q[r];
                    ab += e[r] * q[r];
                }
                e1[u] = a;
                s1[u] = b;
                s2[u] = b2;
                eq[u] = ab;
                dsum[u] = 0;
                ksum[u] = 0;
            }
        });
        int ni = itemStart.length - 1;
        for (int i = 0; i < ni; i++) {
            int from = itemStart[i];
            int to = itemStart[i + 1];
            if (from == to) {
                continue;
            }
            int j = (offset + i) * k + f;
            double v = m.v[j];
            double hh = 0;
            double eh = 0;
            for (int x = from; x < to; x++) {
                int u = itemUsers[x];
                double cu = c[u];
                hh += cu * cu * (s2[u] - 2 * v * cu * s1[u] + n[u] * v * v * cu * cu);
                eh += cu * (eq[u] - v * cu * e1[u]);
            }
            eh += v * hh;
            double prec = alpha * hh + lambda;
            double mean = (alpha * eh + mu * lambda) / prec;
            float nv = (float) (mean + rnd.nextGaussian() / Math.sqrt(prec));
            double d = nv - v;
            m.v[j] = nv;
            for (int x = from; x < to; x++) {
                int u = itemUsers[x];
                double cu = c[u];
                double nu = n[u];
                double dc = d * cu;
                double eqNew = eq[u] + dc * e1[u] - dc * s2[u] - dc * dc * s1[u] + dc * cu * v * s1[u]
                        + nu * dc * dc * cu * v;
                e1[u] -= dc * (s1[u] - nu * v * cu);
                s2[u] += 2 * dc * s1[u] + nu * dc * dc;
                s1[u] += nu * dc;
                eq[u] = eqNew;
                ksum[u] += d * (dsum[u] - v);
                dsum[u] += d;
            }
        }
        Parallel.forRange(numUsers, (chunk, lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                double cu = c[u];
                double du = dsum[u];
                double ku = cu * cu * ksum[u];
                for (int r = userStart[u]; r < userStart[u + 1]; r++) {
                    e[r] -= cu * du * q[r] + ku;
                    q[r] += cu * du;
                }
            }
        });
    }
}

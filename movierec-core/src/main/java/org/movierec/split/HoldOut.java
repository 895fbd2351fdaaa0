package org.movierec.split;

import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/**
 * A seeded per-user hold-out carved from a training part: for a validation set where the split has
 * none (the blend's weights, hyperparameter search).
 */
public final class HoldOut {
    private HoldOut() {
    }

    /**
     * {@code {rest, held-out}}: from every user with at least two ratings, {@code round(fraction * n)}
     * ratings (at least one, at most n - 1) drawn by a seeded shuffle of that user's positions. Both
     * parts share {@code train}'s users and movies and are named {@code train.name() + restSuffix}
     * and {@code train.name() + heldSuffix}.
     *
     * @param train      the training part to carve from
     * @param fraction   the share of each user's ratings held out, strictly between 0 and 1
     * @param seed       the shuffle's seed (same seed, same parts)
     * @param restSuffix appended to the name of the remaining part
     * @param heldSuffix appended to the name of the held-out part
     * @return a two-element array: {@code [rest, heldOut]}
     * @throws IllegalArgumentException when {@code fraction} is outside (0, 1)
     */
    public static Dataset[] perUser(Dataset train, double fraction, long seed, String restSuffix, String heldSuffix) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
        }
        Interactions in = train.interactions();
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] out = new boolean[in.size()];
        int held = 0;
        int[] perm = new int[0];
        for (int u = 0; u < in.numUsers(); u++) {
            int start = in.userStart(u);
            int n = in.userEnd(u) - start;
            if (n < 2) {
                continue;
            }
            int take = (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
            if (perm.length < n) {
                perm = new int[n];
            }
            for (int k = 0; k < n; k++) {
                perm[k] = k;
            }
            for (int k = 0; k < take; k++) {
                int s = k + rnd.nextInt(n - k);
                int t = perm[k];
                perm[k] = perm[s];
                perm[s] = t;
                out[start + perm[k]] = true;
            }
            held += take;
        }
        int[] rest = new int[in.size() - held];
        int[] hold = new int[held];
        int a = 0;
        int b = 0;
        for (int p = 0; p < in.size(); p++) {
            if (out[p]) {
                hold[b++] = p;
            } else {
                rest[a++] = p;
            }
        }
        return new Dataset[] {train.withInteractions(train.name() + restSuffix, in.select(rest)),
            train.withInteractions(train.name() + heldSuffix, in.select(hold))};
    }
}

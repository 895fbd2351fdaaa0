package org.movierec.neural;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.split.Fold;
import org.movierec.split.Split;

/**
 * Cold-movie split: a seeded {@code fraction} of the movies that have ratings is held out entirely;
 * every rating of a held-out movie is test, every other rating train. A model is then asked about
 * movies no one rated in its training data, which only content features can answer.
 */
public final class ColdMovieSplit implements Split {
    private final double fraction;
    private final long seed;

    public ColdMovieSplit(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("cold-movie fraction must be in (0, 1), got " + fraction);
        }
        this.fraction = fraction;
        this.seed = seed;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "cold-movies:%s", fraction);
    }

    /** Which movies are held out (true = cold), drawn by a seeded shuffle of the rated movies. */
    public boolean[] coldMovies(Dataset data) {
        Interactions in = data.interactions();
        int[] counts = in.itemCounts();
        int rated = 0;
        for (int c : counts) {
            if (c > 0) {
                rated++;
            }
        }
        int[] ids = new int[rated];
        int k = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                ids[k++] = i;
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = rated - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        int nCold = (int) Math.round(fraction * rated);
        if (nCold == 0 || nCold == rated) {
            throw new IllegalArgumentException("holding out " + fraction + " of " + rated
                    + " rated movies leaves an empty train or test part");
        }
        boolean[] cold = new boolean[counts.length];
        for (int q = 0; q < nCold; q++) {
            cold[ids[q]] = true;
        }
        return cold;
    }

    @Override
    public List<Fold> folds(Dataset data) {
        boolean[] cold = coldMovies(data);
        Interactions in = data.interactions();
        int nTest = 0;
        for (int p = 0; p < in.size(); p++) {
            if (cold[in.item(p)]) {
                nTest++;
            }
        }
        int[] train = new int[in.size() - nTest];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int p = 0; p < in.size(); p++) {
            if (cold[in.item(p)]) {
                test[b++] = p;
            } else {
                train[a++] = p;
            }
        }
        String n = name();
        return List.of(new Fold(n, data.withInteractions(data.name() + "/" + n + "/train", in.select(train)), null,
                data.withInteractions(data.name() + "/" + n + "/test", in.select(test))));
    }
}

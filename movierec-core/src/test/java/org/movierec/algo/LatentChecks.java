package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.SimilarItems;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/** Checks shared by the latent-factor model tests: fold-in, similar items, real-data RMSE. */
final class LatentChecks {
    private LatentChecks() {
    }

    static Model fit(Trainer<?> t, Dataset train) {
        return Training.fit(t, train, null, "test", ProgressListener.NONE);
    }

    /**
     * Folding in a training user's own ratings must give scores that correlate with the trained user's
     * scores: the mean Pearson correlation over the first {@code users} users is returned, and each user's
     * must be at least {@code minEach}.
     */
    static double foldInCorrelation(Model m, Dataset train, int users, double minEach) {
        Interactions in = train.interactions();
        ItemScorer s = (ItemScorer) m;
        FoldIn fi = (FoldIn) m;
        float[] a = new float[s.numItems()];
        float[] b = new float[s.numItems()];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            int n = in.userCount(u);
            int[] items = new int[n];
            float[] ratings = new float[n];
            for (int x = 0; x < n; x++) {
                items[x] = in.item(in.userStart(u) + x);
                ratings[x] = in.rating(in.userStart(u) + x);
            }
            s.scoreAll(u, a);
            fi.scoreFoldIn(items, ratings, b);
            double r = pearson(a, b);
            assertThat(r).as("user %d (%d ratings): correlation of fold-in and trained scores", u, n)
                    .isGreaterThanOrEqualTo(minEach);
            sum += r;
        }
        return sum / users;
    }

    static double pearson(float[] a, float[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int x = 0; x < n; x++) {
            ma += a[x];
            mb += b[x];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int x = 0; x < n; x++) {
            sab += (a[x] - ma) * (b[x] - mb);
            saa += (a[x] - ma) * (a[x] - ma);
            sbb += (b[x] - mb) * (b[x] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * A new user who rates three movies of block 0 of the two-block fixture (5, 5, 4 stars) must get an
     * unrated block-0 movie as their best of the 20 movies that have training data.
     */
    static void foldInNewUserGetsTheirBlock(Model m) {
        FoldIn fi = (FoldIn) m;
        int[] items = {0, 2, 3};
        float[] ratings = {5, 5, 4};
        float[] out = new float[Fixtures.twoBlocks().numItems()];
        fi.scoreFoldIn(items, ratings, out);
        Set<Integer> seen = new HashSet<>();
        for (int i : items) {
            seen.add(i);
        }
        int best = -1;
        for (int i = 0; i < 20; i++) {
            if (!seen.contains(i) && (best < 0 || out[i] > out[best])) {
                best = i;
            }
        }
        assertThat(best).as("best unseen movie for a block-0 fold-in user").isBetween(0, 9);
        for (float v : out) {
            assertThat(v).isFinite();
        }
    }

    /** Fold-in with no ratings gives finite scores (biases only). */
    static void foldInEmpty(Model m) {
        float[] out = new float[((ItemScorer) m).numItems()];
        ((FoldIn) m).scoreFoldIn(new int[0], new float[0], out);
        for (float v : out) {
            assertThat(v).isFinite();
        }
    }

    /** On the two-block fixture, every movie's most similar other movie is in its own block. */
    static void similarItemsStayInBlock(Model m) {
        SimilarItems s = (SimilarItems) m;
        float[] out = new float[21];
        for (int i = 0; i < 20; i++) {
            s.similarTo(i, out);
            for (int j = 0; j < out.length; j++) {
                assertThat(Float.floatToIntBits(s.similarity(i, j))).as("similarity(%d, %d)", i, j)
                        .isEqualTo(Float.floatToIntBits(out[j]));
            }
            int best = -1;
            for (int j = 0; j < 20; j++) {
                if (j != i && (best < 0 || out[j] > out[best])) {
                    best = j;
                }
            }
            int block = i < 10 ? 0 : 10;
            assertThat(best).as("most similar to movie %d", i).isBetween(block, block + 9);
            assertThat(out[20]).as("cold movie similarity").isEqualTo(0f);
        }
    }

    /** RMSE on ML-100k u1.test after training on u1.base (skipped without the data, see {@link Fixtures}). */
    static double ml100kU1(Trainer<?> t) throws Exception {
        Path dir = Fixtures.requireMl100k();
        Dataset all = org.movierec.data.io.MovieLens100kReader.read(dir);
        Dataset[] tt = MfHarness.fold(all, dir, 1);
        return AlgorithmContract.rmse((RatingPredictor) fit(t, tt[0]), tt[1]);
    }
}

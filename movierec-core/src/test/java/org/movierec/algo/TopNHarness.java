package org.movierec.algo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.MovieLens100kReader;
import org.movierec.model.ItemScorer;
import org.movierec.model.RatingPredictor;
import org.movierec.rec.Recommender;

/**
 * A small measuring harness in test scope for tuning item-kNN and EASE (the project's official
 * metrics are written elsewhere): ML-100k predefined folds, a validation split carved out of a
 * training set, RMSE, and top-N NDCG / precision at k.
 *
 * <p>Top-N protocol: relevant = test rating >= 4; candidates = every movie the user did not rate
 * in the training data; only users with at least one relevant test movie count. NDCG uses binary
 * gains and a log2 discount, {@code DCG = sum_{rank r hit} 1 / log2(r + 1)} (r from 1), divided by
 * the ideal DCG over {@code min(k, #relevant)} hits; precision is hits / k.
import org.movierec.rec.TopK;

/**
 * A small measuring harness for tuning the factor models on ML-100k (test scope only; the official
 * metrics live in the evaluation engineer's code). Top-N protocol: relevance = test rating >= 4,
 * candidates = every movie the user did not rate in training, users without a relevant test movie
 * are skipped; NDCG@K with binary gains, log2 discount and ideal DCG over min(K, #relevant);
 * precision@K = hits / K.
 */
final class TopNHarness {
    private TopNHarness() {
    }

    /** Train and test of ML-100k fold {@code u<fold>.base / .test} over the full id space. */
    static Dataset[] fold(Path dir, int fold) throws IOException {
        Dataset all = MovieLens100kReader.read(dir);
        Interactions base = MovieLens100kReader.readRatings(dir.resolve("u" + fold + ".base"), all.users().ids(),
                all.movies().ids());
        Interactions test = MovieLens100kReader.readRatings(dir.resolve("u" + fold + ".test"), all.users().ids(),
                all.movies().ids());
        return new Dataset[] {all.withInteractions("u" + fold + ".base", base),
            all.withInteractions("u" + fold + ".test", test)};
    }

    /** Every rating goes to validation with probability {@code fraction} (seeded): {train, validation}. */
    static Dataset[] holdOut(Dataset train, double fraction, long seed) {
        Interactions in = train.interactions();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] a = new int[in.size()];
        int[] b = new int[in.size()];
        int na = 0;
        int nb = 0;
        for (int p = 0; p < in.size(); p++) {
            if (rnd.nextDouble() < fraction) {
                b[nb++] = p;
            } else {
                a[na++] = p;
            }
        }
        return new Dataset[] {train.withInteractions(train.name() + "-fit", in.select(Arrays.copyOf(a, na))),
            train.withInteractions(train.name() + "-validation", in.select(Arrays.copyOf(b, nb)))};
    }

    static double rmse(RatingPredictor rp, Dataset test) {
        return AlgorithmContract.rmse(rp, test);
    }

    /** {ndcg@k, precision@k, users counted}. */
    static double[] topN(ItemScorer scorer, Dataset train, Dataset test, int k) {
        Interactions t = test.interactions();
        int nu = t.numUsers();
        int[] users = new int[nu];
        int m = 0;
        for (int u = 0; u < nu; u++) {
            for (int p = t.userStart(u); p < t.userEnd(u); p++) {
                if (t.rating(p) >= 4) {
                    users[m++] = u;
                    break;
                }
            }
        }
        users = Arrays.copyOf(users, m);
        int[][] lists = new Recommender(scorer, train.interactions()).recommendAll(users, k);
        boolean[] relevant = new boolean[t.numItems()];
        double ndcg = 0;
        double precision = 0;
        for (int x = 0; x < m; x++) {
            int u = users[x];
    /** Train and test parts of one predefined ML-100k fold over the full dataset's id space. */
    record Fold(Dataset train, Dataset test) {
    }

    static Fold fold(Path dir, int n) throws IOException {
        Dataset full = MovieLens100kReader.read(dir);
        Interactions base = MovieLens100kReader.readRatings(dir.resolve("u" + n + ".base"), full.users().ids(),
                full.movies().ids());
        Interactions test = MovieLens100kReader.readRatings(dir.resolve("u" + n + ".test"), full.users().ids(),
                full.movies().ids());
        return new Fold(full.withInteractions("ml-100k-u" + n + ".base", base),
                full.withInteractions("ml-100k-u" + n + ".test", test));
    }

    /**
     * A validation split of a training set for tuning: each user's ratings go to validation with
     * probability {@code fraction} (seeded), the rest stay in training.
     */
    static Fold holdOut(Dataset train, double fraction, long seed) {
        Interactions in = train.interactions();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] tr = new int[in.size()];
        int[] va = new int[in.size()];
        int nt = 0;
        int nv = 0;
        for (int p = 0; p < in.size(); p++) {
            if (rnd.nextDouble() < fraction) {
                va[nv++] = p;
            } else {
                tr[nt++] = p;
            }
        }
        return new Fold(train.withInteractions(train.name() + "-fit", in.select(Arrays.copyOf(tr, nt))),
                train.withInteractions(train.name() + "-validation", in.select(Arrays.copyOf(va, nv))));
    }

    /** {@code {ndcg@k, precision@k, users evaluated}}. */
    static double[] topN(ItemScorer s, Dataset train, Dataset test, int k) {
        Recommender rec = new Recommender(s, train.interactions());
        Interactions t = test.interactions();
        float[] buf = new float[s.numItems()];
        TopK top = new TopK(k);
        int[] items = new int[k];
        boolean[] relevant = new boolean[s.numItems()];
        double ndcg = 0;
        double prec = 0;
        int users = 0;
        for (int u = 0; u < t.numUsers(); u++) {
            int nrel = 0;
            for (int p = t.userStart(u); p < t.userEnd(u); p++) {
                if (t.rating(p) >= 4) {
                    relevant[t.item(p)] = true;
                    nrel++;
                }
            }
            double dcg = 0;
            int hits = 0;
            for (int r = 0; r < lists[x].length; r++) {
                if (relevant[lists[x][r]]) {
            if (nrel == 0) {
                continue;
            }
            users++;
            int n = rec.rank(u, buf, top, items, null);
            double dcg = 0;
            int hits = 0;
            for (int r = 0; r < n; r++) {
                if (relevant[items[r]]) {
                    dcg += 1 / log2(r + 2);
                    hits++;
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(k, nrel); r++) {
                idcg += 1 / log2(r + 2);
            }
            ndcg += dcg / idcg;
            precision += (double) hits / k;
            prec += (double) hits / k;
            for (int p = t.userStart(u); p < t.userEnd(u); p++) {
                relevant[t.item(p)] = false;
            }
        }
        return new double[] {ndcg / m, precision / m, m};
        return new double[] {ndcg / users, prec / users, users};
    }

    static double rmse(RatingPredictor rp, Dataset test) {
        return AlgorithmContract.rmse(rp, test);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

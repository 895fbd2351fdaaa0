package org.movierec.algo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.movierec.data.Dataset;
import org.movierec.model.ItemScorer;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * The tuning grids behind the defaults of {@link ItemKnn} and {@link Ease}, run on demand only:
 * {@code mvn -o -q -pl movierec-core test -Dtest=KnnEaseTuning -Dmovierec.tune=true}.
 * Hyperparameters are chosen on a validation split of u1.base (20% of its ratings, seed 1); the
 * u1.test numbers are printed alongside for the report, not used for choosing.
 */
@EnabledIfSystemProperty(named = "movierec.tune", matches = "true")
class KnnEaseTuning {
    private static Dataset[] folds() throws Exception {
        Path dir = Fixtures.requireMl100k();
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        Dataset[] val = TopNHarness.holdOut(u1[0], 0.2, 1).parts();
        return new Dataset[] {val[0], val[1], u1[0], u1[1]};
    }

    private static String row(String name, Trainer<?> t, Dataset[] f) {
        long t0 = System.nanoTime();
        Object mv = t.fit(f[0], null, ProgressListener.NONE);
        double fitS = (System.nanoTime() - t0) / 1e9;
        Object mt = t.fit(f[2], null, ProgressListener.NONE);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-60s fit %.2fs", name, fitS));
        if (mv instanceof RatingPredictor rv) {
            sb.append(String.format(Locale.ROOT, "  valRMSE %.4f u1RMSE %.4f", AlgorithmContract.rmse(rv, f[1]),
                    AlgorithmContract.rmse((RatingPredictor) mt, f[3])));
        }
        if (mv instanceof ItemScorer sv) {
            double[] v = TopNHarness.topN(sv, f[0], f[1], 10);
            double[] u = TopNHarness.topN((ItemScorer) mt, f[2], f[3], 10);
            sb.append(String.format(Locale.ROOT, "  val NDCG %.4f P %.4f | u1 NDCG %.4f P %.4f (%d users)", v[0], v[1],
                    u[0], u[1], (int) u[2]));
        }
        return sb.toString();
    }

    /** Configs from {@code -Dmovierec.ease=lambda,dropout,zeroDiagonal,input,threshold,disliked;...}. */
    @Test
    @EnabledIfSystemProperty(named = "movierec.ease", matches = ".+")
    void easeList() throws Exception {
        Dataset[] f = folds();
        for (String spec : System.getProperty("movierec.ease").split(";")) {
            String[] v = spec.split(",");
            Ease.Config c = new Ease.Config(Float.parseFloat(v[0]), Float.parseFloat(v[1]), Boolean.parseBoolean(v[2]),
                    Ease.Input.valueOf(v[3]), Float.parseFloat(v[4]), Float.parseFloat(v[5]));
            System.out.println(row(c.toString(), new Ease(c), f));
        }
    }

    @Test
    void easeGrid() throws Exception {
        Dataset[] f = folds();
        List<String> out = new ArrayList<>();
        for (Ease.Input in : Ease.Input.values()) {
            for (float lambda : new float[] {100, 250, 500, 1000}) {
                Ease.Config c = new Ease.Config(lambda, 0, true, in, 4, 0);
                out.add(row(c.toString(), new Ease(c), f));
                System.out.println(out.get(out.size() - 1));
            }
        }
        for (float disliked : new float[] {0.25f, 0.5f}) {
            Ease.Config c = new Ease.Config(250, 0, true, Ease.Input.LIKED, 4, disliked);
            System.out.println(row(c.toString(), new Ease(c), f));
        }
        for (float dropout : new float[] {0.1f, 0.25f, 0.4f, 0.6f}) {
            for (float lambda : new float[] {10, 100}) {
                Ease.Config c = new Ease.Config(lambda, dropout, true, Ease.Input.BINARY, 4, 0);
                System.out.println(row(c.toString(), new Ease(c), f));
                Ease.Config d = new Ease.Config(lambda, dropout, false, Ease.Input.BINARY, 4, 0);
                System.out.println(row(d.toString(), new Ease(d), f));
            }
        }
    }

    @Test
    void knnGrid() throws Exception {
        Dataset[] f = folds();
        int[][] grid = {{20, 100}, {40, 100}, {60, 100}, {40, 50}, {40, 200}};
        for (int[] g : grid) {
            ItemKnn.Config c = new ItemKnn.Config(g[0], g[1], 2, 0, ItemKnn.Ranking.PREDICTED, 15, 10, 10);
            System.out.println(row(c.toString(), new ItemKnn(c), f));
        }
        for (int k : new int[] {20, 100, 400}) {
            ItemKnn.Config c = new ItemKnn.Config(k, 100, 2, 0, ItemKnn.Ranking.SIMILARITY, 15, 10, 10);
            System.out.println(row(c.toString(), new ItemKnn(c), f));
        }
    }

    /** RMSE of item-kNN on the five predefined ML-100k folds (u1..u5), for the defaults and neighbours. */
    @Test
    void knnFolds() throws Exception {
        Path dir = Fixtures.requireMl100k();
        String spec = System.getProperty("movierec.knn", "40,100,0;40,200,0;40,100,0.5;40,100,1;40,200,1");
        for (String cfg : spec.split(";")) {
            String[] kv = cfg.split(",");
            ItemKnn.Config c = new ItemKnn.Config(Integer.parseInt(kv[0]), Float.parseFloat(kv[1]), 2,
                    Float.parseFloat(kv[2]), ItemKnn.Ranking.SIMILARITY, 15, 10, 10);
            double sum = 0;
            StringBuilder sb = new StringBuilder(c.toString());
            Dataset[] v = folds();
            sb.append(String.format(Locale.ROOT, " val %.4f |", AlgorithmContract.rmse(
                    new ItemKnn(c).fit(v[0], null, ProgressListener.NONE), v[1])));
            for (int fold = 1; fold <= 5; fold++) {
                Dataset[] f = TopNHarness.fold(dir, fold).parts();
                long t0 = System.nanoTime();
                ItemKnn.Model m = new ItemKnn(c).fit(f[0], null, ProgressListener.NONE);
                double fit = (System.nanoTime() - t0) / 1e9;
                double r = AlgorithmContract.rmse(m, f[1]);
                sum += r;
                sb.append(String.format(Locale.ROOT, " u%d %.4f (fit %.2fs)", fold, r, fit));
            }
            sb.append(String.format(Locale.ROOT, " mean %.4f", sum / 5));
            System.out.println(sb);
        }
    }

    /**
     * Wall-clock of fitting and of top-10 for every user on u1 with the defaults (best of 3 runs,
     * after one warm-up); timings only, for the lead's benchmark notes.
     */
    @Test
    void timings() throws Exception {
        Path dir = Fixtures.requireMl100k();
        Dataset[] u1 = TopNHarness.fold(dir, 1).parts();
        int[] users = new int[u1[0].numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        for (Trainer<?> t : new Trainer<?>[] {new ItemKnn(), new Ease()}) {
            double bestFit = Double.MAX_VALUE;
            double bestRec = Double.MAX_VALUE;
            for (int run = 0; run < 4; run++) {
                long t0 = System.nanoTime();
                ItemScorer m = (ItemScorer) t.fit(u1[0], null, ProgressListener.NONE);
                long t1 = System.nanoTime();
                new org.movierec.rec.Recommender(m, u1[0].interactions()).recommendAll(users, 10);
                long t2 = System.nanoTime();
                if (run > 0) {
                    bestFit = Math.min(bestFit, (t1 - t0) / 1e9);
                    bestRec = Math.min(bestRec, (t2 - t1) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "%s: fit %.3f s, top-10 for %d users %.3f s (threads %d)%n", t.name(), bestFit,
                    users.length, bestRec, org.movierec.util.Parallel.threads());
        }
    }
}

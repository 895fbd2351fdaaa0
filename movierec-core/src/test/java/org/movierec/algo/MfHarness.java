package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.MovieLens100kReader;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.TimedRatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * Measures a rating model on the real ML-100k: RMSE and training time per predefined fold, or on a
 * validation split of u1.base (for tuning without touching the test folds).
 *
 * <pre>
 * java -cp ... org.movierec.algo.MfHarness ALGO MODE [name=value ...]
 *   MODE = test     : u1..u5 (train uN.base, test uN.test)
 *   MODE = val      : u1.base split 80/20 at random (seed 7); test folds untouched
 *   MODE = u1       : u1 only
 * </pre>
 * Also runnable through {@link MfHarnessTest} (disabled unless {@code -Dmovierec.harness=ALGO}).
 * Times are wall clock and CPU time of the calling thread for {@code fit}, after
 * {@code -Dmovierec.warmups} (default 2) warm-up fits on the first fold so that the JIT has compiled
 * the loops. SVD++ and timeSVD++ train single-threaded, so on a shared machine the CPU time is the
 * better estimate of their unloaded wall time; BiasedMF with {@code blocks > 1} trains on the
 * {@link org.movierec.util.Parallel} workers, whose time the calling thread's CPU time does not count.
 */
public final class MfHarness {
    private MfHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: MfHarness ALGO test|val|u1 [name=value ...]");
            System.exit(2);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int a = 2; a < args.length; a++) {
            int eq = args[a].indexOf('=');
            params.put(args[a].substring(0, eq), args[a].substring(eq + 1));
        }
        run(args[0], args[1], params, true);
    }

    /** Runs and prints; returns the mean RMSE over the evaluated folds. */
    static double run(String algo, String mode, Map<String, String> params, boolean warmUp) throws IOException {
        Path dir = Fixtures.ml100k();
        if (dir == null) {
            throw new IllegalStateException(Fixtures.NO_ML100K);
        }
        Dataset all = MovieLens100kReader.read(dir);
        int folds = mode.equals("test") ? 5 : 1;
        double sum = 0;
        double timeSum = 0;
        double cpuSum = 0;
        for (int f = 1; f <= folds; f++) {
            Dataset[] tt = mode.equals("val") ? validationSplit(all, dir) : fold(all, dir, f);
            Trainer<?> t = AlgorithmRegistry.create(algo, params);
            if (warmUp && f == 1) {
                for (int w = 0; w < Integer.getInteger("movierec.warmups", 2); w++) {
                    t.fit(tt[0], null, ProgressListener.NONE);
                }
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Model m = t.fit(tt[0], null, ProgressListener.NONE);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            cpuSum += cpu;
            double rmse = rmse((RatingPredictor) m, tt[1]);
            sum += rmse;
            timeSum += secs;
            System.out.printf("%s %s fold %s: RMSE %.4f  fit %.3f s wall, %.3f s CPU%n", algo, params,
                    mode.equals("val") ? "u1-val" : "u" + f, rmse, secs, cpu);
        }
        System.out.printf("%s %s mean RMSE %.4f  mean fit %.3f s wall, %.3f s CPU%n", algo, params, sum / folds,
                timeSum / folds, cpuSum / folds);
        return sum / folds;
    }

    static Dataset[] fold(Dataset all, Path dir, int f) throws IOException {
        Interactions base = MovieLens100kReader.readRatings(dir.resolve("u" + f + ".base"), all.users().ids(),
                all.movies().ids());
        Interactions test = MovieLens100kReader.readRatings(dir.resolve("u" + f + ".test"), all.users().ids(),
                all.movies().ids());
        return new Dataset[] {all.withInteractions("u" + f + ".base", base),
            all.withInteractions("u" + f + ".test", test)};
    }

    /** u1.base cut 80/20 at random with seed 7. */
    static Dataset[] validationSplit(Dataset all, Path dir) throws IOException {
        Interactions base = fold(all, dir, 1)[0].interactions();
        SplittableRandom rnd = new SplittableRandom(7);
        int[] tr = new int[base.size()];
        int[] va = new int[base.size()];
        int nt = 0;
        int nv = 0;
        for (int p = 0; p < base.size(); p++) {
            if (rnd.nextDouble() < 0.2) {
                va[nv++] = p;
            } else {
                tr[nt++] = p;
            }
        }
        return new Dataset[] {all.withInteractions("u1.base-train", base.select(Arrays.copyOf(tr, nt))),
            all.withInteractions("u1.base-val", base.select(Arrays.copyOf(va, nv)))};
    }

    /** RMSE of clipped predictions; timed models get the rating's timestamp. */
    static double rmse(RatingPredictor rp, Dataset test) {
        Interactions in = test.interactions();
        double se = 0;
        for (int p = 0; p < in.size(); p++) {
            float pred = rp instanceof TimedRatingPredictor trp ? trp.predict(in.user(p), in.item(p), in.timestamp(p))
                    : rp.predict(in.user(p), in.item(p));
            double e = test.ratingScale().clip(pred) - in.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / in.size());
    }
}

package org.movierec.algo.fm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.MovieLens100kReader;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.util.ProgressListener;

/**
 * A small test-scope harness for the predefined ML-100k folds u1..u5 (until the official
 * {@code evaluate} command exists): train and test parts share the full dataset's id space, so
 * users and movies keep their demographics and genres.
 */
public final class Ml100kFolds {
    private Ml100kFolds() {
    }

    /** {@code {train, test}} of fold {@code n} (1..5). */
    public static Dataset[] fold(Path dir, int n) throws IOException {
        Dataset full = MovieLens100kReader.read(dir);
        Interactions train = MovieLens100kReader.readRatings(dir.resolve("u" + n + ".base"), full.users().ids(),
                full.movies().ids());
        Interactions test = MovieLens100kReader.readRatings(dir.resolve("u" + n + ".test"), full.users().ids(),
                full.movies().ids());
        return new Dataset[] {full.withInteractions("ml-100k-u" + n + ".base", train),
            full.withInteractions("ml-100k-u" + n + ".test", test)};
    }

    /** RMSE of clipped predictions. */
    public static double rmse(RatingPredictor rp, Dataset test) {
        Interactions in = test.interactions();
        double se = 0;
        for (int p = 0; p < in.size(); p++) {
            double e = test.ratingScale().clip(rp.predict(in.user(p), in.item(p))) - in.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / in.size());
    }

    /** Prints progress messages (with {@code -Dmovierec.verbose=true}). */
    private static final ProgressListener PRINT = new ProgressListener() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void done() {
        }

        @Override
        public void message(String text) {
            System.out.println("  " + text);
        }
    };

    /** One row of the fold table: test RMSE and training seconds. */
    public record Result(double rmse, double seconds) {
    }

    public static Result run(String algorithm, Map<String, String> params, Dataset[] tt) {
        Trainer<?> t = AlgorithmRegistry.create(algorithm, params);
        long t0 = System.nanoTime();
        Model m = Training.fit(t, tt[0], null, "ml-100k", Boolean.getBoolean("movierec.verbose") ? PRINT
                : ProgressListener.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result(rmse((RatingPredictor) m, tt[1]), s);
    }

    /**
     * {@code java ... Ml100kFolds DIR ALGORITHM FOLDS [k=v ...]}, e.g. {@code ml-100k fm 1,2,3,4,5 rank=8}:
     * prints per-fold RMSE and training time, then the mean.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String algo = args[1];
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int a = 3; a < args.length; a++) {
            int eq = args[a].indexOf('=');
            params.put(args[a].substring(0, eq), args[a].substring(eq + 1));
        }
        double sum = 0;
        int n = 0;
        for (String f : args[2].split(",")) {
            Result r = run(algo, params, fold(dir, Integer.parseInt(f.trim())));
            System.out.printf("%s %s u%s rmse %.4f train %.1fs%n", algo, params, f, r.rmse(), r.seconds());
            sum += r.rmse();
            n++;
        }
        System.out.printf("%s %s mean rmse over %d folds %.4f%n", algo, params, n, sum / n);
    }
}

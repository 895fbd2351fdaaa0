package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
import java.nio.file.Path;
import java.util.Locale;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * Tuning driver (not a test): fits {@code als}, {@code ials} or {@code bpr} with {@code k=v} overrides
 * on ML-100k fold {@code u<fold>} and prints NDCG@10 / P@10 (and RMSE for rating predictors) either on
 * a seeded 20% validation split of {@code u<fold>.base} ({@code mode=val}, for tuning) or on
 * {@code u<fold>.test} ({@code mode=test}, for the report).
 *
 * <pre>
 *   java -cp movierec-core/target/classes:movierec-core/target/test-classes:JACKSON_JARS \
 *       org.movierec.algo.TuneFactorModels ials val 1 factors=64 alpha=2 lambda=10
 * </pre>
 */
public final class TuneFactorModels {
    private TuneFactorModels() {
    }

    public static void main(String[] args) throws Exception {
        String algo = args[0];
        String mode = args[1];
        int fold = Integer.parseInt(args[2]);
        java.util.Map<String, String> params = org.movierec.model.Params.parsePairs(
                java.util.Arrays.asList(args).subList(3, args.length));
        if (mode.equals("synth")) {
            // The contract's learning test data: hit rate@10 against popularity's.
            org.movierec.data.Dataset[] tt = AlgorithmContract.synthetic();
            Model m = Training.fit(AlgorithmRegistry.create(algo, params), tt[0], null, mode, ProgressListener.NONE);
            Model pop = Training.fit(new Popularity(), tt[0], null, mode, ProgressListener.NONE);
            System.out.printf(Locale.ROOT, "%s synth %s hr@10=%.4f popularity=%.4f%n", algo, params,
                    AlgorithmContract.hitRate((ItemScorer) m, tt[0], tt[1]),
                    AlgorithmContract.hitRate((ItemScorer) pop, tt[0], tt[1]));
            return;
        }
        Path dir = Fixtures.ml100k();
        TopNHarness.Fold f = TopNHarness.fold(dir, fold);
        if (mode.equals("val")) {
            f = TopNHarness.holdOut(f.train(), 0.2, 2024);
        }
        Trainer<?> t = AlgorithmRegistry.create(algo, params);
        long t0 = System.nanoTime();
        Model m = Training.fit(t, f.train(), null, mode, ProgressListener.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s u%d %s", algo, mode, fold, params));
        if (m instanceof ItemScorer s) {
            double[] r = TopNHarness.topN(s, f.train(), f.test(), 10);
            sb.append(String.format(Locale.ROOT, " ndcg@10=%.4f p@10=%.4f users=%d", r[0], r[1], (int) r[2]));
        }
        if (m instanceof RatingPredictor rp) {
            sb.append(String.format(Locale.ROOT, " rmse=%.4f", TopNHarness.rmse(rp, f.test())));
        }
        sb.append(String.format(Locale.ROOT, " fit=%.1fs (under load)", secs));
        System.out.println(sb);
    }
}

package org.movierec.neural;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.eval.Evaluator;
import org.movierec.eval.RatingErrors;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.Params;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/** Developer probe (not a test): java ... Probe ALGO SPLIT [k=v ...]; prints the learning curve and test errors. */
public final class Probe {
    public static void main(String[] args) throws Exception {
        Path dir = Fixtures.ml100k();
        Dataset data = DatasetReader.read(dir);
        Fold fold = Splits.parse(args[1], dir, 42).folds(data).get(0);
        Trainer<?> t = AlgorithmRegistry.create(args[0], Params.parsePairs(Arrays.asList(args).subList(2, args.length)));
        long t0 = System.nanoTime();
        Model m = t.fit(fold.train(), fold.validation(), new ProgressListener() {
            public void start(String task, long total) { }
            public void advance(long steps) { }
            public void done() { }
            public void message(String text) {
                System.out.printf(Locale.ROOT, "[%.1fs] %s%n", (System.nanoTime() - t0) / 1e9, text);
            }
        });
        double s = (System.nanoTime() - t0) / 1e9;
        RatingErrors.Result r = Evaluator.ratingErrors((RatingPredictor) m, fold.test().interactions(),
                data.ratingScale(), true);
        System.out.printf(Locale.ROOT, "%s %s: test RMSE %.4f MAE %.4f MAEn %.4f MAPEn %.2f%% (%.1f s)%n", args[0],
                fold.name(), r.rmse(), r.mae(), r.maeNorm(), r.mapeNorm(), s);
    }
}

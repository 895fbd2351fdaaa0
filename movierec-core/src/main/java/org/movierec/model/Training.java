package org.movierec.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.util.ProgressListener;

/**
 * Runs a trainer and completes the model's provenance: dataset fingerprint, split, training time
 * and, when validation data is given and the model predicts ratings, validation RMSE and MAE.
 */
public final class Training {
    private Training() {
    }

    public static <M extends Model> Model fit(Trainer<M> trainer, Dataset train, Dataset validation, String split,
                                              ProgressListener progress) {
        long t0 = System.nanoTime();
        M model = trainer.fit(train, validation, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation != null && validation.interactions().size() > 0 && model instanceof RatingPredictor rp) {
            double[] errs = errors(rp, validation.interactions(), validation.ratingScale());
            metrics.put("rmse", errs[0]);
            metrics.put("mae", errs[1]);
        }
        Provenance p = model.provenance().withTraining(train.name(), train.fingerprint(), split,
                Instant.now().toString(), seconds, metrics);
        return model.withProvenance(p);
    }

    /** RMSE and MAE of clipped predictions over the given interactions. */
    static double[] errors(RatingPredictor rp, Interactions test, RatingScale scale) {
        double se = 0;
        double ae = 0;
        int n = test.size();
        for (int p = 0; p < n; p++) {
            float pred = rp instanceof TimedRatingPredictor t ? t.predict(test.user(p), test.item(p), test.timestamp(p))
                    : rp.predict(test.user(p), test.item(p));
            double e = scale.clip(pred) - test.rating(p);
            se += e * e;
            ae += Math.abs(e);
        }
        return new double[] {Math.sqrt(se / n), ae / n};
    }

    /** The seed recorded in a config record's {@code seed} component, or 0. */
    public static long seedOf(Record config) {
        String s = Params.toMap(config).get("seed");
        return s == null ? 0 : Long.parseLong(s);
    }
}

package org.movierec.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.util.ProgressListener;

/**
 * Runs a trainer and completes the model's provenance: dataset fingerprint, split, training time,
 * the training history (the epoch events the trainer reported, see {@link #endEpoch}) and, when
 * validation data is given and the model predicts ratings, validation RMSE and MAE.
 */
public final class Training {
    private Training() {
    }

    /**
     * Fits {@code trainer} and returns its model with complete provenance.
     *
     * @param <M>        the trainer's model type
     * @param trainer    the trainer, usually from {@link AlgorithmRegistry#create(String, java.util.Map)}
     * @param train      the training data
     * @param validation held-out data for early stopping and the validation metrics, or null
     * @param split      the split and fold the data came from, recorded in provenance ({@code all} for none)
     * @param progress   receives progress and epoch events ({@link ProgressListener#NONE} for none)
     * @return the model with its provenance filled in
     * @throws CancellationException when {@code progress} asked to stop ({@link ProgressListener#cancelled()});
     *                               iterative trainers check between epochs, so no half-trained model is returned
     */
    public static <M extends Model> Model fit(Trainer<M> trainer, Dataset train, Dataset validation, String split,
                                              ProgressListener progress) {
        AlgorithmRegistry.checkData(trainer.name(), train);
        Recorder recorder = new Recorder(progress);
        long t0 = System.nanoTime();
        M model = trainer.fit(train, validation, recorder);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation != null && validation.interactions().size() > 0 && model instanceof RatingPredictor rp
                && !train.isImplicit()) {
            double[] errs = errors(rp, validation.interactions(), validation.ratingScale());
            metrics.put("rmse", errs[0]);
            metrics.put("mae", errs[1]);
        }
        Provenance p = model.provenance().withTraining(train.name(), train.fingerprint(), split,
                Instant.now().toString(), seconds, metrics).withHistory(new TrainingHistory(recorder.epochs));
        return model.withProvenance(p);
    }

    /**
     * Ends epoch {@code epoch} (1-based) of an iterative trainer: reports it to {@code progress}
     * ({@link ProgressListener#epoch}) and throws {@link CancellationException} if cancellation was
     * asked. Call it once at the end of every epoch (sweep, sample).
     *
     * @param progress       the listener given to {@link Trainer#fit}
     * @param epoch          1-based epoch number
     * @param trainLoss      the epoch's training loss as the algorithm defines it, NaN when not computed
     * @param validationRmse RMSE on the validation data, NaN when not computed
     */
    public static void endEpoch(ProgressListener progress, int epoch, double trainLoss, double validationRmse) {
        progress.epoch(epoch, trainLoss, Double.isNaN(validationRmse) ? Map.of() : Map.of("rmse", validationRmse));
        checkCancelled(progress);
    }

    /**
     * {@link #endEpoch(ProgressListener, int, double, double)} without a loss or validation metric.
     *
     * @param progress the listener given to {@link Trainer#fit}
     * @param epoch    1-based epoch number
     * @throws CancellationException when cancellation was asked
     */
    public static void endEpoch(ProgressListener progress, int epoch) {
        endEpoch(progress, epoch, Double.NaN, Double.NaN);
    }

    /**
     * Throws {@link CancellationException} when {@code progress} asks to stop.
     *
     * @param progress the listener given to {@link Trainer#fit}
     * @throws CancellationException when {@link ProgressListener#cancelled()} is true
     */
    public static void checkCancelled(ProgressListener progress) {
        if (progress.cancelled()) {
            throw new CancellationException("training cancelled");
        }
    }

    /**
     * Passes every event on to the caller's listener and keeps the epoch events. A training run
     * nested in another (an ensemble fitting its base models through {@link #fit}) records into its
     * own history and reports to the outermost listener, so the ensemble's history does not mix in
     * its bases' epochs.
     */
    private static final class Recorder implements ProgressListener {
        private final ProgressListener delegate;
        private final List<TrainingHistory.Epoch> epochs = new ArrayList<>();

        Recorder(ProgressListener progress) {
            this.delegate = progress instanceof Recorder r ? r.delegate : progress;
        }

        @Override
        public void start(String task, long total) {
            delegate.start(task, total);
        }

        @Override
        public void advance(long steps) {
            delegate.advance(steps);
        }

        @Override
        public void done() {
            delegate.done();
        }

        @Override
        public void message(String text) {
            delegate.message(text);
        }

        @Override
        public void epoch(int epoch, double trainLoss, Map<String, Double> validation) {
            epochs.add(new TrainingHistory.Epoch(epoch, trainLoss, validation));
            delegate.epoch(epoch, trainLoss, validation);
        }

        @Override
        public boolean cancelled() {
            return delegate.cancelled();
        }
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

    /**
     * The seed of a config record.
     *
     * @param config a config record
     * @return its {@code seed} component, or 0 when it has none
     * @throws NumberFormatException when the component is not a whole number
     */
    public static long seedOf(Record config) {
        String s = Params.toMap(config).get("seed");
        return s == null ? 0 : Long.parseLong(s);
    }
}

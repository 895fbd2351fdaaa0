package org.movierec.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.model.TrainingHistory;
import org.movierec.neural.engine.Optimizer;
import org.movierec.neural.engine.Param;
import org.movierec.neural.engine.Schedule;
import org.movierec.neural.engine.WeightAverage;
import org.movierec.util.ProgressListener;

/**
 * The training loop shared by the neural models: seeded shuffles into mini-batches, one optimizer
 * step per batch, a validation pass per epoch, early stopping that restores the best weights, the
 * learning curve through {@link ProgressListener#epoch}, cancellation between batches, and
 * divergence detection (a NaN or infinite loss stops training with an error naming the epoch).
 *
 * <p>The validation part is the split's own when it has one; otherwise a seeded
 * {@code validationFraction} of the training ratings is carved out ({@link #carve}) and the model
 * trains on the rest. Early stopping watches validation RMSE (MAE when the loss is MAE), in stars.
 * With {@code emaDecay > 0} the weights validated each epoch, and kept when best, are the exponential
 * moving average of the weights over the steps ({@link WeightAverage}); training goes on from the raw ones.
 */
public final class NeuralFit {
    private NeuralFit() {
    }

    /** The ratings a model trains on and the ones it validates on. */
    public record Parts(Dataset fit, Interactions validation, boolean carved) {
    }

    /** The result of a run: the learning curve and the chosen epoch. */
    public record Result(TrainingHistory history, int bestEpoch, double bestValidation) {
    }

    /**
     * The split's validation when it has ratings; otherwise a seeded {@code fraction} of {@code train}
     * (at least one rating) is held out.
     */
    public static Parts carve(Dataset train, Dataset validation, float fraction, long seed) {
        Interactions in = train.interactions();
        if (in.size() == 0) {
            throw new IllegalArgumentException("the training part " + train.name() + " has no ratings");
        }
        if (validation != null && validation.interactions().size() > 0) {
            return new Parts(train, validation.interactions(), false);
        }
        int n = in.size();
        if (n < 2) {
            throw new IllegalArgumentException("the training part " + train.name()
                    + " has one rating: too few to carve a validation part from");
        }
        int nVal = Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
        boolean[] held = new boolean[n];
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int k = 0; k < nVal; k++) {
            held[perm[k]] = true;
        }
        int[] fitPos = new int[n - nVal];
        int[] valPos = new int[nVal];
        int a = 0;
        int b = 0;
        for (int p = 0; p < n; p++) {
            if (held[p]) {
                valPos[b++] = p;
            } else {
                fitPos[a++] = p;
            }
        }
        return new Parts(train.withInteractions(train.name() + "/fit", in.select(fitPos)), in.select(valPos), true);
    }

    /**
     * Trains {@code net} in place on {@code fit} (ratings mapped through {@code target}), validating on
     * {@code validation}; returns the history. The net ends with the best epoch's weights.
     */
    public static Result train(String algorithm, Network net, Interactions fit, Interactions validation, Target target,
                               RatingScale scale, TrainSettings s, ProgressListener progress) {
        int n = fit.size();
        if (n == 0) {
            throw new IllegalArgumentException(algorithm + ": the training part has no ratings");
        }
        List<Param> params = net.params();
        int bs = s.batchSize();
        int batchesPerEpoch = (n + bs - 1) / bs;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] users = new int[bs];
        int[] items = new int[bs];
        float[] targets = new float[bs];
        float[] grad = new float[bs];
        int[] fu = fit.usersArray();
        int[] fi = fit.itemsArray();
        float[] fr = fit.ratingsArray();
        SplittableRandom rng = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + 17);
        Optimizer opt = new Optimizer(s.optimizer(), s.weightDecay(), s.momentum());
        long totalSteps = (long) batchesPerEpoch * s.epochs();
        Schedule schedule = switch (s.schedule()) {
            case CONSTANT -> new Schedule(Schedule.Kind.CONSTANT, s.learningRate(), s.warmupSteps(), 1, 1f, 1, 0f);
            case STEP -> new Schedule(Schedule.Kind.STEP, s.learningRate(), s.warmupSteps(), 5 * batchesPerEpoch, 0.5f,
                    1, 0f);
            case COSINE -> new Schedule(Schedule.Kind.COSINE, s.learningRate(), s.warmupSteps(), 1, 1f,
                    (int) Math.min(Integer.MAX_VALUE, totalSteps), 0f);
        };
        float[][] best = new float[params.size()][];
        double bestMetric = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        boolean byMae = s.loss() == org.movierec.neural.engine.Loss.MAE;
        long step = 0;
        WeightAverage average = s.emaDecay() > 0 ? new WeightAverage(params, s.emaDecay()) : null;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            if (progress.cancelled()) {
                throw new CancellationException(algorithm + ": training cancelled before epoch " + epoch);
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            progress.start(algorithm + " epoch " + epoch + "/" + s.epochs(), batchesPerEpoch);
            double sum = 0;
            int seen = 0;
            for (int from = 0; from < n; from += bs) {
                int m = Math.min(bs, n - from);
                if (m < 2 && seen > 0) {
                    break; // a last batch of one row cannot be batch-normalised; it is left for the next shuffle
                }
                for (int k = 0; k < m; k++) {
                    int p = order[from + k];
                    users[k] = fu[p];
                    items[k] = fi[p];
                    targets[k] = target.toTarget(fr[p]);
                }
                float[] pred = net.forward(users, items, m, true);
                double loss = s.loss().compute(pred, targets, m, grad);
                sum += loss * m;
                seen += m;
                net.backward(grad, m);
                if (average != null) {
                    average.beforeStep();
                }
                opt.step(params, schedule.at(step++));
                if (average != null) {
                    average.afterStep();
                }
                progress.advance(1);
                if (progress.cancelled()) {
                    throw new CancellationException(algorithm + ": training cancelled in epoch " + epoch);
                }
            }
            double trainLoss = sum / seen;
            if (!Double.isFinite(trainLoss)) {
                progress.done();
                throw new IllegalStateException(String.format(Locale.ROOT, "%s diverged in epoch %d: the training "
                        + "loss is %s; try a lower learningRate (now %s)", algorithm, epoch, trainLoss, s.learningRate()));
            }
            if (average != null) {
                average.showAverage(); // validated, and kept when best, with the averaged weights
            }
            double[] val = evaluate(net, validation, target, scale, users, items, bs);
            progress.done();
            if (!Double.isFinite(val[0])) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s diverged in epoch %d: the validation "
                        + "RMSE is %s; try a lower learningRate (now %s)", algorithm, epoch, val[0], s.learningRate()));
            }
            TrainingHistory.Epoch e = new TrainingHistory.Epoch(epoch, trainLoss, Map.of("rmse", val[0], "mae", val[1]));
            epochs.add(e);
            progress.epoch(e.epoch(), e.trainLoss(), e.validation());
            progress.message(String.format(Locale.ROOT, "%s epoch %d: train loss %.4f, validation RMSE %.4f, MAE %.4f",
                    algorithm, epoch, trainLoss, val[0], val[1]));
            double metric = byMae ? val[1] : val[0];
            if (metric < bestMetric) {
                bestMetric = metric;
                bestEpoch = epoch;
                for (int k = 0; k < params.size(); k++) {
                    float[] v = params.get(k).value;
                    if (best[k] == null) {
                        best[k] = v.clone();
                    } else {
                        System.arraycopy(v, 0, best[k], 0, v.length);
                    }
                }
            }
            if (average != null) {
                average.showRaw(); // training goes on from the raw weights
            }
            if (epoch - bestEpoch >= s.patience()) {
                break;
            }
        }
        for (int k = 0; k < params.size(); k++) {
            System.arraycopy(best[k], 0, params.get(k).value, 0, best[k].length);
        }
        return new Result(new TrainingHistory(epochs), bestEpoch, bestMetric);
    }

    /** RMSE and MAE in stars of clipped predictions over {@code in}. */
    static double[] evaluate(Network net, Interactions in, Target target, RatingScale scale, int[] users, int[] items,
                             int bs) {
        int n = in.size();
        double se = 0;
        double ae = 0;
        for (int from = 0; from < n; from += bs) {
            int m = Math.min(bs, n - from);
            for (int k = 0; k < m; k++) {
                users[k] = in.user(from + k);
                items[k] = in.item(from + k);
            }
            float[] pred = net.forward(users, items, m, false);
            for (int k = 0; k < m; k++) {
                double e = scale.clip(target.toStars(pred[k])) - in.rating(from + k);
                se += e * e;
                ae += Math.abs(e);
            }
        }
        return new double[] {Math.sqrt(se / n), ae / n};
    }
}

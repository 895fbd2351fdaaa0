package org.movierec.neural;

import org.movierec.neural.engine.Loss;
import org.movierec.neural.engine.Optimizer;
import org.movierec.neural.engine.Schedule;

/**
 * The training part of every neural config.
 *
 * @param epochs             at most this many passes over the training part
 * @param batchSize          ratings per mini-batch
 * @param learningRate       the base learning rate (> 0)
 * @param optimizer          ADAM, ADAMW or SGD (with {@code momentum})
 * @param weightDecay        L2 (ADAM, SGD) or decoupled (ADAMW) decay of weights and embeddings
 * @param momentum           SGD momentum
 * @param loss               MSE, MAE or HUBER
 * @param schedule           CONSTANT, STEP (halves every 5 epochs) or COSINE (to 0 at the last epoch)
 * @param warmupSteps        linear warm-up steps
 * @param patience           epochs without validation improvement before stopping (the best weights are kept)
 * @param emaDecay           0 (off), or the decay {@code d} in {@code [0, 1)} of an exponential moving average of
 *                           the weights ({@code a = d a + (1-d) w} after each step from 0, debiased as
 *                           {@code a / (1 - d^t)}), which is then what is validated and kept
 *                           ({@link org.movierec.neural.engine.WeightAverage})
 * @param validationFraction share of the training part carved out (seeded) as validation when the split has none
 * @param seed               random seed (initialisation, shuffling, dropout, carving)
 */
public record TrainSettings(int epochs, int batchSize, float learningRate, Optimizer.Kind optimizer, float weightDecay,
                            float momentum, Loss loss, Schedule.Kind schedule, int warmupSteps, int patience,
                            float emaDecay, float validationFraction, long seed) {
    public TrainSettings {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2, got " + batchSize);
        }
        if (weightDecay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and momentum in [0, 1); got weightDecay="
                    + weightDecay + ", momentum=" + momentum);
        }
        if (warmupSteps < 0 || patience < 1) {
            throw new IllegalArgumentException("warmupSteps must be >= 0 and patience >= 1; got warmupSteps="
                    + warmupSteps + ", patience=" + patience);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1) (0: off), got " + emaDecay);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        if (optimizer == null || loss == null || schedule == null) {
            throw new IllegalArgumentException("optimizer, loss and schedule must be set");
        }
    }
}

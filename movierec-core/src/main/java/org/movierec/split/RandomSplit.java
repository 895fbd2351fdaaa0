package org.movierec.split;

import java.util.List;
import java.util.Locale;
import org.movierec.data.Dataset;

/**
 * A random hold-out over ratings (not users): {@code round(trainRatio * n)} ratings drawn uniformly
 * without replacement form the training part, the rest the test part. One fold, no validation.
 * A user may end up with all ratings in test (a cold user for the model); the reports' 80/20
 * protocol has the same property.
 */
public final class RandomSplit implements Split {
    private final double trainRatio;
    private final long seed;

    /**
     * @param trainRatio fraction of ratings for training, strictly between 0 and 1
     * @param seed       random seed
     */
    public RandomSplit(double trainRatio, long seed) {
        if (!(trainRatio > 0 && trainRatio < 1)) {
            throw new IllegalArgumentException("train ratio must be strictly between 0 and 1, got " + trainRatio);
        }
        this.trainRatio = trainRatio;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "random:" + fmt(trainRatio);
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    @Override
    public List<Fold> folds(Dataset data) {
        int n = data.interactions().size();
        int nTrain = (int) Math.round(trainRatio * n);
        if (nTrain == 0 || nTrain == n) {
            throw new IllegalArgumentException("train ratio " + trainRatio + " of " + n
                    + " ratings leaves an empty train or test part");
        }
        int[] perm = Parts.permutation(n, seed);
        byte[] assign = new byte[n];
        for (int k = nTrain; k < n; k++) {
            assign[perm[k]] = Parts.TEST;
        }
        return List.of(Parts.fold(data, name(), assign, false));
    }
}

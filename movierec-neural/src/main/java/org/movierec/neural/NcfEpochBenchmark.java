package org.movierec.neural;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Times {@code ncf} training epochs on ML-100k u1.base (the Java side of {@code bench/ncf_torch.py}):
 * the wall time from an epoch's first batch to its last optimizer step, without the validation pass.
 * Usage: {@code java -cp ... org.movierec.neural.NcfEpochBenchmark ML100K_DIR [batch=256] [epochs=6]}.
 * Threads: {@code -Dmovierec.threads=N}.
 */
public final class NcfEpochBenchmark {
    private NcfEpochBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Dataset data = DatasetReader.read(dir);
        Fold u1 = Splits.parse("u1", dir, 42).folds(data).get(0);
        List<Double> times = new ArrayList<>();
        long[] t0 = new long[1];
        long[] last = new long[1];
        ProgressListener timer = new ProgressListener() {
            public void start(String task, long total) {
                t0[0] = System.nanoTime();
            }

            public void advance(long steps) {
                last[0] = System.nanoTime();
            }

            public void done() {
                times.add((last[0] - t0[0]) / 1e9);
                System.out.printf(Locale.ROOT, "epoch %d: %.3f s%n", times.size(), times.get(times.size() - 1));
            }
        };
        // patience = epochs: every epoch runs. u1.test is passed as the validation part only so that all of
        // u1.base trains, as in the PyTorch script; the validation pass is not timed.
        AlgorithmRegistry.create("ncf", Map.of("batchSize", String.valueOf(batch), "epochs", String.valueOf(epochs),
                "patience", String.valueOf(epochs))).fit(u1.train(), u1.test(), timer);
        double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = Arrays.copyOfRange(t, 1, t.length);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "java %s, %d threads, batch %d, %d training ratings per epoch: best epoch %.3f s, "
                + "median (after the first) %.3f s%n", System.getProperty("java.version"), Parallel.threads(), batch,
                u1.train().interactions().size(), sorted[0], sorted[sorted.length / 2]);
    }
}

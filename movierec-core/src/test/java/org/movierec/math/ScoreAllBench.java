package org.movierec.math;

import java.util.Locale;
import java.util.SplittableRandom;
import org.movierec.math.Kernels.Summation;

/**
 * Times scoring every item for every user (the work of {@code scoreAll} in a top-N evaluation) with
 * one dot product per item, as the factor models did before, against one {@link Kernels#gemv} per
 * user, in both summation orders; checks that both give the same bits. Not a test (no wall-clock
 * assertion): run it by hand, single-threaded.
 *
 * <pre>
 *   java -cp movierec-core/target/classes:movierec-core/target/test-classes org.movierec.math.ScoreAllBench \
 *       [users items k rounds]
 * </pre>
 */
public final class ScoreAllBench {
    private ScoreAllBench() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 943;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 1682;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] p = new float[users * k];
        float[] q = new float[items * k];
        for (int x = 0; x < p.length; x++) {
            p[x] = (float) rnd.nextGaussian();
        }
        for (int x = 0; x < q.length; x++) {
            q[x] = (float) rnd.nextGaussian();
        }
        float[] a = new float[items];
        float[] b = new float[items];
        for (Summation order : Summation.values()) {
            for (int u = 0; u < users; u++) {
                perItem(order, p, u * k, q, items, k, a);
                Kernels.gemv(order, q, 0, items, k, p, u * k, b, 0);
                if (!java.util.Arrays.equals(a, b)) {
                    throw new AssertionError(order + ": gemv differs from the per-item dot for user " + u);
                }
            }
            double bestOld = Double.MAX_VALUE;
            double bestNew = Double.MAX_VALUE;
            float sink = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int u = 0; u < users; u++) {
                    perItem(order, p, u * k, q, items, k, a);
                    sink += a[u % items];
                }
                long t1 = System.nanoTime();
                for (int u = 0; u < users; u++) {
                    Kernels.gemv(order, q, 0, items, k, p, u * k, b, 0);
                    sink += b[u % items];
                }
                long t2 = System.nanoTime();
                bestOld = Math.min(bestOld, (t1 - t0) / 1e6);
                bestNew = Math.min(bestNew, (t2 - t1) / 1e6);
            }
            System.out.printf(Locale.ROOT, "%-6s %d users x %d items, k=%d: one dot per item %.1f ms, gemv %.1f ms "
                    + "(best of %d rounds, x%.2f; checksum %s)%n", order, users, items, k, bestOld, bestNew, rounds,
                    bestOld / bestNew, sink);
        }
    }

    private static void perItem(Summation order, float[] p, int uo, float[] q, int items, int k, float[] out) {
        if (order == Summation.LANES) {
            for (int i = 0; i < items; i++) {
                out[i] = Kernels.dot(p, uo, q, i * k, k);
            }
        } else {
            for (int i = 0; i < items; i++) {
                out[i] = Kernels.dotSerial(p, uo, q, i * k, k);
            }
        }
    }
}

package org.movierec.algo;

import java.util.Locale;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.util.Parallel;

/**
 * Times ALS epochs on a large synthetic dataset (not a test; the lead's benchmark harness can call
 * it). Defaults: the MovieLens-25M shape, 162,000 users x 59,000 movies x 25M ratings, k = 64.
 *
 * <pre>
 *   java -Xmx6g -cp movierec-core/target/classes:movierec-core/target/test-classes:JACKSON_JARS \
 *       org.movierec.algo.AlsEpochBench [users movies ratings factors epochs cgSteps]
 * </pre>
 *
 * Prints the generation time, the one-off per-item index build, and each epoch split into its user
 * and item half-steps, in wall time and process CPU time. The thread count follows {@code -Dmovierec.threads} (default: all cores).
 */
public final class AlsEpochBench {
    private AlsEpochBench() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 162_000;
        int movies = args.length > 1 ? Integer.parseInt(args[1]) : 59_000;
        long ratings = args.length > 2 ? Long.parseLong(args[2]) : 25_000_000L;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int epochs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int cgSteps = args.length > 5 ? Integer.parseInt(args[5]) : Als.Config.DEFAULTS.cgSteps();
        long t0 = System.nanoTime();
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(users, movies, ratings, 7));
        long t1 = System.nanoTime();
        d.interactions().byItem();
        long t2 = System.nanoTime();
        Als als = new Als(Als.Config.DEFAULTS.withFactors(k).withCgSteps(cgSteps));
        Als.State s = als.init(d.interactions());
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "data %d ratings generated in %.1fs, item index %.1fs, init %.1fs, threads %d, cgSteps %d "
                + "(0 = exact Cholesky)%n",
                d.interactions().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, Parallel.threads(), cgSteps);
        for (int e = 0; e < epochs; e++) {
            long a = System.nanoTime();
            long ca = cpuNanos();
            als.userHalfStep(s);
            long b = System.nanoTime();
            long cb = cpuNanos();
            als.itemHalfStep(s);
            long c = System.nanoTime();
            long cc = cpuNanos();
            System.out.printf(Locale.ROOT, "epoch %d k=%d: wall %.2fs (users %.2fs, items %.2fs); process CPU %.2fs "
                    + "(users %.2fs, items %.2fs)%n", e + 1, k, (c - a) / 1e9, (b - a) / 1e9, (c - b) / 1e9,
                    (cc - ca) / 1e9, (cb - ca) / 1e9, (cc - cb) / 1e9);
        }
    }

    /**
     * CPU time of the whole process (all threads), or -1 when the JVM does not report it. On a shared
     * machine the wall time includes waiting for a core; CPU time / threads estimates the wall time on
     * dedicated cores (an estimate only: it ignores the serial parts and memory-bandwidth sharing).
     */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}

package org.movierec.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.movierec.algo.FactorModel;
import org.movierec.data.Interactions;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.Provenance;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import org.movierec.util.Parallel;

/**
 * {@code bench --suite recommend-all}: the exact top 10 of every user of a factor model of a given
 * shape (default the ML-25M shape: 162,000 users, 59,000 movies, k = 64, 154 rated movies per user
 * excluded), the work of {@code recommend --all} without reading the model or writing the CSV. Two kinds
 * of random factors: a flat spectrum (independent Gaussians: every direction alike, so no projection
 * bounds the scores and every item is scored in full) and a falling one ({@value #PLANTED} planted
 * directions with weights 1, 1/2, ..., plus Gaussian noise in all k: most of the energy in a few
 * directions, as in trained factors), where a factor model's {@code topBlock} finds the lists from
 * bounds without scoring every item in full. Times the batched path ({@link Recommender#rankBlock}, all
 * users, both cores) in both summation orders, and the one-user-at-a-time path ({@link Recommender#rank},
 * every item scored) on a sample of users, extrapolated; checks that the two paths give the same lists
 * for the sample.
 */
final class RecommendAllBench {
    /** Planted directions of the falling spectrum. */
    static final int PLANTED = 8;
    /** Noise per coordinate of the falling spectrum (the planted part has about 1.2 per coordinate). */
    static final double NOISE = 0.5;

    private final int users;
    private final int items;
    private final int k;
    private final int seenPerUser;
    private final int sample;

    RecommendAllBench(int users, int items, int k, int seenPerUser, int sample) {
        if (users < 1 || items < 11 || k < 1 || seenPerUser < 0 || seenPerUser > items - 10 || sample < 1) {
            throw new Main.UserException("--shape needs users >= 1, movies >= 11 and k >= 1, and fewer rated movies "
                    + "per user than movies - 10; got " + users + "x" + items + "x" + k + " with " + seenPerUser
                    + " rated per user");
        }
        this.users = users;
        this.items = items;
        this.k = k;
        this.seenPerUser = seenPerUser;
        this.sample = Math.min(sample, users);
    }

    /** Parses {@code USERSxMOVIESxK}. */
    static RecommendAllBench parse(String shape) {
        String[] f = shape.toLowerCase(Locale.ROOT).split("x");
        try {
            if (f.length == 3) {
                int u = Integer.parseInt(f[0]);
                int i = Integer.parseInt(f[1]);
                long ratings = 25_000_000L * u / 162_000;
                return new RecommendAllBench(u, i, Integer.parseInt(f[2]),
                        (int) Math.min(i - 11L, Math.max(0, ratings / Math.max(1, u))), 2000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Main.UserException("--shape must be USERSxMOVIESxK (e.g. 162000x59000x64), not '" + shape + "'");
    }

    String run(PrintWriter log) {
        SplittableRandom rnd = new SplittableRandom(7);
        Interactions seen = randomSeen(rnd);
        float[] bu = gaussian(rnd, users);
        float[] bi = gaussian(rnd, items);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Exact top 10 for %,d users over %,d movies, k = %d, %d rated movies "
                + "per user excluded (%,d in all); random factors, flat spectrum (independent Gaussians) and "
                + "falling (%d planted directions with weights 1, 1/2, ..., plus noise %.1f per coordinate); "
                + "%d threads; load average before: %s.%n%n", users, items, k, seenPerUser, seen.size(), PLANTED,
                NOISE, Parallel.threads(), loadAverage()));
        out.append("| factors | path | summation | users | wall s | CPU s | CPU ms per user "
                + "| same lists as one at a time |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String spectrum : new String[] {"flat", "falling"}) {
            float[] p;
            float[] q;
            if (spectrum.equals("flat")) {
                p = gaussian(rnd, (long) users * k);
                q = gaussian(rnd, (long) items * k);
            } else {
                double[][] directions = new double[PLANTED][k];
                for (double[] d : directions) {
                    for (int f = 0; f < k; f++) {
                        d[f] = rnd.nextGaussian();
                    }
                }
                p = planted(rnd, users, directions);
                q = planted(rnd, items, directions);
            }
            for (Summation order : Summation.values()) {
                runOne(log, out, spectrum, order, new Parts(k, p, q, bu, bi), seen);
            }
        }
        return out.toString();
    }

    /** The batched path over every user and the per-user one on a sample, for one model: two rows. */
    private void runOne(PrintWriter log, StringBuilder out, String spectrum, Summation order, Parts parts,
                        Interactions seen) {
        FactorModel model = FactorModel.of("bench", Provenance.untrained("bench", null, 0), parts.toParts(),
                FactorModel.BIASED, order, FactorModel.RIDGE, true);
        Recommender rec = new Recommender(model, seen);
        int[][] blockItems = new int[users][];
        log.println("recommend-all: " + spectrum + " " + order + " batched, " + users + " users...");
        log.flush();
        long c0 = cpu();
        long t0 = System.nanoTime();
        Parallel.forRange(users, (chunk, from, to) -> {
            int rows = Math.min(RecommendAll.USER_BLOCK, to - from);
            float[][] bufs = new float[rows][items];
            int[][] it = new int[rows][10];
            int[] n = new int[rows];
            TopK top = new TopK(10);
            for (int u0 = from; u0 < to; u0 += rows) {
                int u1 = Math.min(to, u0 + rows);
                rec.rankBlock(u0, u1, bufs, top, it, null, n);
                for (int u = u0; u < u1; u++) {
                    blockItems[u] = Arrays.copyOf(it[u - u0], n[u - u0]);
                }
            }
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuS = (cpu() - c0) / 1e9;
        out.append(String.format(Locale.ROOT, "| %s | batched (`rankBlock`, %s) | %s | %,d | %.1f | %.1f | %.3f | |%n",
                spectrum, pruned(model, seen) ? "bounds" : "every item scored", order, users, wall, cpuS,
                cpuS * 1e3 / users));
        log.println("recommend-all: " + spectrum + " " + order + " one user at a time, " + sample + " users...");
        log.flush();
        int stride = users / sample;
        boolean[] same = {true};
        c0 = cpu();
        t0 = System.nanoTime();
        Parallel.forRange(sample, (chunk, from, to) -> {
            float[] buf = new float[items];
            int[] it = new int[10];
            TopK top = new TopK(10);
            for (int s = from; s < to; s++) {
                int u = s * stride;
                int n = rec.rank(u, buf, top, it, null);
                if (!Arrays.equals(Arrays.copyOf(it, n), blockItems[u])) {
                    same[0] = false;
                }
            }
        });
        wall = (System.nanoTime() - t0) / 1e9;
        cpuS = (cpu() - c0) / 1e9;
        out.append(String.format(Locale.ROOT, "| %s | one at a time (`rank`), every %d-th user | %s | %,d | %.1f "
                + "(%.0f for all) | %.1f (%.0f for all) | %.3f | %s |%n", spectrum, stride, order, sample, wall,
                wall * users / sample, cpuS, cpuS * users / sample, cpuS * 1e3 / sample, same[0] ? "yes" : "NO"));
        if (!same[0]) {
            throw new IllegalStateException("the batched and per-user paths disagree: a bug, please report it");
        }
    }

    /** Whether the model's lists came from bounds ({@code topBlock}) rather than from every score. */
    private static boolean pruned(FactorModel model, Interactions seen) {
        return model.topBlock(0, 1, seen, 10, new int[1][10], null, new int[1]);
    }

    /** Rows of {@code sum_s z_s d_s / (s + 1)} over the planted directions plus noise, z and noise Gaussian. */
    private float[] planted(SplittableRandom rnd, int rows, double[][] directions) {
        if ((long) rows * k > Integer.MAX_VALUE - 16) {
            throw new Main.UserException("--shape too large: " + (long) rows * k + " factors in one array");
        }
        float[] a = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < directions.length; s++) {
                double z = rnd.nextGaussian() / (s + 1);
                for (int f = 0; f < k; f++) {
                    a[r * k + f] += (float) (z * directions[s][f]);
                }
            }
            for (int f = 0; f < k; f++) {
                a[r * k + f] = (float) (0.1 * (a[r * k + f] + NOISE * rnd.nextGaussian()));
            }
        }
        return a;
    }

    /** The random model's parameters. */
    private record Parts(int k, float[] p, float[] q, float[] bu, float[] bi) {
        FactorModel.Parts toParts() {
            return new FactorModel.Parts(k, 3.5f, bu, bi, p, q).with("regFactor", 0.05f);
        }
    }

    /** {@code seenPerUser} distinct random movies per user, in the order {@link Interactions#ofSorted} takes. */
    private Interactions randomSeen(SplittableRandom rnd) {
        int n = users * seenPerUser;
        int[] us = new int[n];
        int[] is = new int[n];
        int[] pick = new int[seenPerUser];
        for (int u = 0, x = 0; u < users; u++) {
            for (int j = 0; j < seenPerUser; j++) {
                int c;
                do {
                    c = rnd.nextInt(items);
                } while (contains(pick, j, c));
                pick[j] = c;
            }
            int[] sorted = Arrays.copyOf(pick, seenPerUser);
            Arrays.sort(sorted);
            for (int c : sorted) {
                us[x] = u;
                is[x++] = c;
            }
        }
        float[] r = new float[n];
        Arrays.fill(r, 4f);
        return Interactions.ofSorted(users, items, us, is, r, new long[n]);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int j = 0; j < n; j++) {
            if (a[j] == v) {
                return true;
            }
        }
        return false;
    }

    private static float[] gaussian(SplittableRandom rnd, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new Main.UserException("--shape too large: " + n + " factors in one array");
        }
        float[] a = new float[(int) n];
        for (int x = 0; x < a.length; x++) {
            a[x] = (float) (rnd.nextGaussian() * 0.1);
        }
        return a;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", l);
    }
}

package org.movierec.ann;

import java.util.Locale;
import org.movierec.rec.CandidateIndex;
import org.movierec.rec.ExactIndex;

/**
 * Recall@10 against brute force and per-query latency of the graph indexes on synthetic factors.
 * Not a test: {@code java -cp ... org.movierec.ann.AnnBenchmark ITEMS [RANK] [QUERIES] [exact-only]}.
 */
public final class AnnBenchmark {
    private AnnBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int q = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        HnswSettings s = HnswSettings.fromSystemProperties();
        int d = k + 1;
        float[] items = SyntheticFactors.items(n, k, 1);
        float[][] queries = SyntheticFactors.queries(q, k, 2);
        System.out.printf(Locale.ROOT, "items=%d dim=%d queries=%d m=%d beam=%d ef=%d cores=%d%n", n, d, q, s.m(),
                s.beamWidth(), s.ef(), Runtime.getRuntime().availableProcessors());
        ExactIndex exact = new ExactIndex(items, n, d);
        int[][] truth = new int[q][10];
        time("exact", exact, queries, truth, null, 0);
        if (args.length > 3 && args[3].equals("exact-only")) {
            return;
        }
        // -Dmovierec.ann.keep=FILE: read the index from FILE when it holds one of these vectors, else build
        // it and write it there (a 1M-item graph takes about half an hour to build on one core).
        String keep = System.getProperty("movierec.ann.keep");
        java.nio.file.Path kept = keep == null ? null : java.nio.file.Path.of(keep);
        LuceneHnswIndex idx = null;
        double buildWall = 0;
        if (kept != null && java.nio.file.Files.isRegularFile(kept)) {
            try {
                long t0 = System.nanoTime();
                idx = (LuceneHnswIndex) org.movierec.rec.IndexFile.read(kept, items, n, d);
                System.out.printf(Locale.ROOT, "hnsw read from %s in %.2f s (built before)%n", kept,
                        (System.nanoTime() - t0) / 1e9);
            } catch (java.io.IOException e) {
                System.out.println("not using " + e.getMessage());
            }
        }
        if (idx == null) {
            double c = cpu();
            long t0 = System.nanoTime();
            idx = new LuceneHnswIndex(items, n, d, s);
            buildWall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "hnsw build: wall %.1f s, process cpu %.1f s%n", buildWall, cpu() - c);
            storedIndex(idx, items, n, d);
            if (kept != null) {
                try {
                    org.movierec.rec.IndexFile.write(kept, idx, items);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        for (String ef : System.getProperty("movierec.ann.efs", String.valueOf(s.ef())).split(",")) {
            time("hnsw ef=" + ef.trim(), idx.withEf(Integer.parseInt(ef.trim())), queries, null, truth, buildWall);
        }
    }

    /** Writes the index as {@code train --index} does, reads it back, and reports size and times. */
    private static void storedIndex(LuceneHnswIndex idx, float[] items, int n, int d) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ann-bench");
            java.nio.file.Path file = dir.resolve("m.bin.index");
            try {
                long t0 = System.nanoTime();
                org.movierec.rec.IndexFile.write(file, idx, items);
                long t1 = System.nanoTime();
                CandidateIndex back = org.movierec.rec.IndexFile.read(file, items, n, d);
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "stored index: %d bytes, write %.2f s, read %.2f s, same graph: %s%n",
                        java.nio.file.Files.size(file), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                        ((LuceneHnswIndex) back).sameAs(idx));
            } finally {
                java.nio.file.Files.deleteIfExists(file);
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void time(String name, CandidateIndex idx, float[][] queries, int[][] record, int[][] truth,
                             double buildS) {
        int[] out = new int[10];
        float[] sc = new float[10];
        for (int w = 0; w < Math.min(Math.max(10, queries.length / 5), queries.length); w++) {
            idx.search(queries[w], 10, null, out, sc); // warm-up
        }
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long hits = 0;
        for (int u = 0; u < queries.length; u++) {
            int m = idx.search(queries[u], 10, null, out, sc);
            if (record != null) {
                System.arraycopy(out, 0, record[u], 0, m);
            }
            if (truth != null) {
                hits += overlap(truth[u], out, m);
            }
        }
        double perQueryMs = (System.nanoTime() - t0) / 1e6 / queries.length;
        double cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / queries.length;
        System.out.printf(Locale.ROOT, "%-12s build %7.2f s  query wall %8.4f ms cpu %8.4f ms  recall@10 %s%n", name,
                buildS, perQueryMs, cpuMs, truth == null ? "1 (reference)" : String.format(Locale.ROOT, "%.4f",
                        hits / (10.0 * queries.length)));
    }

    /** CPU seconds of the whole process (all threads). */
    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    static int overlap(int[] truth, int[] got, int m) {
        int h = 0;
        for (int j = 0; j < m; j++) {
            for (int t : truth) {
                if (t == got[j]) {
                    h++;
                    break;
                }
            }
        }
        return h;
    }
}

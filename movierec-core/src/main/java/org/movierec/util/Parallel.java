package org.movierec.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Static range parallelism over a fork-join pool of {@link #threads()} workers.
 *
 * <p>Ranges are cut into a fixed number of contiguous chunks that depends only on the range and
 * {@link #threads()}, never on timing, so that algorithms which keep one accumulator per chunk and
 * combine them in chunk order stay deterministic for a seed.
 */
public final class Parallel {
    /**
     * The workers, one per {@link #threads()} at start-up. Not the common pool: its parallelism is
     * one less than the processors (a single worker on a 2-core machine) because it expects the
     * submitting thread to help, and ours waits instead. Daemon threads, so it never keeps the JVM
     * alive.
     */
    private static final ForkJoinPool POOL = new ForkJoinPool(threads(), pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("movierec-worker-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }, null, false);

    private Parallel() {
    }

    /** Worker count: the {@code movierec.threads} system property, else the available processors. */
    public static int threads() {
        String p = System.getProperty("movierec.threads");
        if (p != null) {
            return Math.max(1, Integer.parseInt(p.trim()));
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The body of one chunk: {@code [from, to)} is the chunk's range, {@code chunk} its index. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int from, int to);
    }

    /** Number of chunks {@link #forRange} will use for {@code n} elements. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(n, threads() * 4));
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into {@link #chunks(int)} contiguous chunks, in
     * parallel, and waits for all of them. Exceptions from a chunk are rethrown.
     */
    public static void forRange(int n, RangeBody body) {
        int chunks = chunks(n);
        if (n == 0) {
            return;
        }
        if (chunks == 1 || threads() == 1) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, bound(n, chunks, c), bound(n, chunks, c + 1));
            }
            return;
        }
        // Exceptions are caught inside the task and rethrown as they were: ForkJoinTask.get() would
        // otherwise wrap them in a reflective copy whose message is "Type: message".
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>(chunks);
        ForkJoinPool pool = POOL;
        for (int c = 0; c < chunks; c++) {
            final int chunk = c;
            futures.add(pool.submit(() -> {
                try {
                    body.run(chunk, bound(n, chunks, chunk), bound(n, chunks, chunk + 1));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Start of chunk {@code c} when {@code n} elements are cut into {@code chunks} chunks. */
    public static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}

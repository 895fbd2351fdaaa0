package org.movierec.util;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Static range parallelism: a range is cut into chunks that run on an executor's threads and on the
 * calling thread.
 *
 * <p>Ranges are cut into a fixed number of contiguous chunks that depends only on the range and
 * {@link #threads()}, never on timing nor on the executor, so that algorithms which keep one
 * accumulator per chunk and combine them in chunk order stay deterministic for a seed, whichever
 * executor runs them.
 *
 * <p><b>Executors.</b> By default chunks run on private daemon workers ({@link #threads()} - 1 of
 * them, beside the calling thread), created on first use. A server that bounds its threads gives its
 * own executor, for one piece of work ({@link #withExecutor}, scoped to the calling thread and the
 * chunks it starts) or for
 * the whole process ({@link #setDefaultExecutor}). Any {@link Executor} works, including a fixed
 * pool smaller than {@link #threads()} or one that is busy with other work: the calling thread claims
 * chunks too and only waits for chunks that some thread has already started, so a chunk never waits
 * for a queued task and nested ranges cannot deadlock.
 */
public final class Parallel {
    /**
     * The default workers: {@link #threads()} - 1 daemon threads (the calling thread is the last runner
     * of every range), created on first use, so a process that never runs a range never starts them.
     * Not a fork-join pool, whose idle workers park at once: a neural network's mini-batch runs a range
     * every few tens of microseconds, each waking a parked worker. A worker here that has run a task
     * keeps looking for the next one for {@link #SPIN_NANOS} before it parks, and the calling thread
     * looks as long for its chunks to finish before it waits, as the thread pools of OpenMP runtimes
     * do; an ncf epoch (ML-100k, batch 256, two threads) took about 13 % less (BENCHMARKS.md, "Workers
     * that spin before they park").
     */
    private static final class Workers implements Executor {
        static final Workers POOL = new Workers(Math.max(1, threads() - 1));

        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Thread[] threads;
        /** Workers parked or about to park: {@link #execute} wakes them. */
        private final AtomicInteger parked = new AtomicInteger();

        private Workers(int n) {
            threads = new Thread[n];
            for (int i = 0; i < n; i++) {
                threads[i] = new Thread(new Loop(), "movierec-worker-" + i);
                threads[i].setDaemon(true);
                threads[i].start();
            }
        }

        @Override
        public void execute(Runnable task) {
            tasks.offer(task);
            // A worker counts itself parked before it looks at the queue a last time: either it sees
            // this task, or this sees it counted and unparks it (a permit given before park is kept).
            if (parked.get() > 0) {
                for (Thread t : threads) {
                    java.util.concurrent.locks.LockSupport.unpark(t);
                }
            }
        }

        /** A worker: runs tasks, spins a while for the next, then parks. */
        private final class Loop implements Runnable {
            @Override
            public void run() {
                while (true) {
                    Runnable task = tasks.poll();
                    if (task == null) {
                        long until = System.nanoTime() + SPIN_NANOS;
                        while ((task = tasks.poll()) == null && System.nanoTime() - until < 0) {
                            Thread.onSpinWait();
                        }
                    }
                    if (task != null) {
                        try {
                            task.run(); // a range's task records its chunks' failures itself
                        } catch (Throwable t) {
                            // anything else goes where an uncaught one would, and the worker stays
                            Thread me = Thread.currentThread();
                            me.getUncaughtExceptionHandler().uncaughtException(me, t);
                        }
                        // an interrupt a task left must neither reach the next task (its blocking reads
                        // would fail) nor make every later park return at once
                        Thread.interrupted();
                        continue;
                    }
                    parked.incrementAndGet();
                    if (tasks.isEmpty()) {
                        java.util.concurrent.locks.LockSupport.park(this);
                    }
                    parked.decrementAndGet();
                    Thread.interrupted();
                }
            }
        }
    }

    /** How long a default worker looks for its next task, and a range's caller for its chunks, before parking. */
    static final long SPIN_NANOS = 100_000;

    /** The process-wide executor set by {@link #setDefaultExecutor}; null: the private pool. */
    private static volatile Executor defaultExecutor;
    /** The executor of the current {@link #withExecutor} scope on this thread; null outside one. */
    private static final ThreadLocal<Executor> SCOPED = new ThreadLocal<>();

    private Parallel() {
    }

    /**
     * Makes {@code executor} run every range of the process that is not inside a
     * {@link #withExecutor} scope; null restores the private pool. Chunking does not change.
     *
     * @param executor the executor, or null for the private pool
     */
    public static void setDefaultExecutor(Executor executor) {
        defaultExecutor = executor;
    }

    /**
     * Runs {@code body} with every range it starts (on this thread, and nested ranges started by
     * its chunks on other threads) executed on {@code executor}; the previous executor is restored
     * afterwards. Results are the same as with any other executor.
     *
     * @param <T>      the body's result type
     * @param executor the executor for the body's ranges
     * @param body     the work
     * @return what {@code body} returned
     * @throws NullPointerException when {@code executor} is null
     */
    public static <T> T withExecutor(Executor executor, Supplier<T> body) {
        Objects.requireNonNull(executor, "executor");
        Executor previous = SCOPED.get();
        SCOPED.set(executor);
        try {
            return body.get();
        } finally {
            restore(previous);
        }
    }

    /**
     * {@link #withExecutor(Executor, Supplier)} for a body without a result.
     *
     * @param executor the executor for the body's ranges
     * @param body     the work
     */
    public static void withExecutor(Executor executor, Runnable body) {
        withExecutor(executor, () -> {
            body.run();
            return null;
        });
    }

    /**
     * The executor that ranges started on this thread use now.
     *
     * @return the scoped executor, else the process default, else the private pool
     */
    public static Executor currentExecutor() {
        Executor e = SCOPED.get();
        if (e != null) {
            return e;
        }
        e = defaultExecutor;
        return e != null ? e : Workers.POOL;
    }

    private static void restore(Executor previous) {
        if (previous == null) {
            SCOPED.remove();
        } else {
            SCOPED.set(previous);
        }
    }

    /**
     * The worker count, read on every call.
     *
     * @return the {@code movierec.threads} system property (at least 1), else the available processors
     * @throws NumberFormatException when the property is not a whole number
     */
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
        /**
         * Processes one chunk.
         *
         * @param chunk the chunk's index, {@code 0..chunks(n)-1} (for per-chunk accumulators)
         * @param from  first element, inclusive
         * @param to    last element, exclusive
         */
        void run(int chunk, int from, int to);
    }

    /**
     * The number of chunks {@link #forRange} will use.
     *
     * @param n the number of elements
     * @return {@code max(1, min(n, 4 * threads()))}
     */
    public static int chunks(int n) {
        return Math.max(1, Math.min(n, threads() * 4));
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into {@link #chunks(int)} contiguous chunks, in
     * parallel on {@link #currentExecutor()} and this thread, and waits for all of them. The first
     * exception from a chunk is rethrown as it was; chunks not yet started when it happened are skipped.
     *
     * @param n    the number of elements, at least 0
     * @param body the work for one chunk; must be safe to run on several threads at once
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
        Executor executor = currentExecutor();
        Executor scoped = SCOPED.get();
        Claims claims = new Claims(n, chunks, body);
        // threads() runners in all: this thread and threads() - 1 helpers. A helper that starts after
        // every chunk was claimed returns at once.
        int helpers = Math.min(chunks, threads()) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(() -> {
                    // Nested ranges started by a chunk use the same executor as this range.
                    Executor previous = SCOPED.get();
                    if (scoped != null) {
                        SCOPED.set(scoped);
                    }
                    try {
                        claims.work();
                    } finally {
                        restore(previous);
                    }
                });
            } catch (RejectedExecutionException e) {
                break; // a saturated or shut-down executor: this thread does the rest
            }
        }
        claims.work();
        try {
            long until = System.nanoTime() + SPIN_NANOS;
            while (claims.finished.getCount() > 0 && System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            claims.finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Throwable t = claims.failure.get();
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

    /**
     * The chunks of one range, claimed in order by whichever runner asks next. {@code finished}
     * counts down once per chunk, run or skipped, so waiting on it waits only for chunks already
     * running, never for a helper task still queued in a busy executor.
     */
    private static final class Claims {
        final int n;
        final int chunks;
        final RangeBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch finished;

        Claims(int n, int chunks, RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.finished = new CountDownLatch(chunks);
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        body.run(c, bound(n, chunks, c), bound(n, chunks, c + 1));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown();
                }
            }
        }
    }

    /**
     * Where a chunk starts, so that callers can size per-chunk state.
     *
     * @param n      the number of elements
     * @param chunks the number of chunks
     * @param c      a chunk index, {@code 0..chunks} ({@code chunks} gives {@code n})
     * @return {@code floor(n * c / chunks)}
     */
    public static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}

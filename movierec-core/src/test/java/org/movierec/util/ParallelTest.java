package org.movierec.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void coversEveryIndexExactlyOnceInContiguousChunks() {
        for (int n : new int[] {0, 1, 7, 1000}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
            int[] chunkStart = new int[Parallel.chunks(n)];
            Parallel.forRange(n, (c, from, to) -> {
                chunkStart[c] = from;
                assertThat(from).isEqualTo(Parallel.bound(n, Parallel.chunks(n), c));
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertThat(hits.get(i)).as("index %d of %d", i, n).isEqualTo(1);
            }
        }
    }

    @Test
    void rethrowsAChunksException() {
        assertThatThrownBy(() -> Parallel.forRange(100, (c, from, to) -> {
            if (from == 0) {
                throw new IllegalStateException("boom");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    /**
     * With two or more threads configured, two chunks really run at the same time: each waits at a
     * two-party barrier, which only opens when both are running (a pool that ran chunks one after
     * another would time out here).
     */
    @Test
    void runsChunksConcurrentlyWhenThereAreThreads() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Parallel.threads() >= 2, "needs 2 or more threads");
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger met = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forRange(2 * Parallel.chunks(2), (c, from, to) -> {
            if (c < 2) {
                try {
                    barrier.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    met.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException("chunk " + c + " never met another running chunk", e);
                }
            }
        });
        assertThat(met.get()).isEqualTo(2);
    }

    /**
     * A chunk that interrupts the default worker it runs on leaves no interrupt behind: the worker's next
     * chunks run with the flag clear (a blocking read in them would fail otherwise, and a parked worker
     * with the flag set would spin).
     */
    @Test
    void aChunkThatInterruptsItsWorkerLeavesNoInterruptForTheNext() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Parallel.threads() >= 2, "needs 2 or more threads");
        java.util.List<Boolean> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int round = 0; round < 6; round++) {
            boolean interrupt = round % 2 == 0; // a range that interrupts, then one that looks
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
            Parallel.forRange(2 * Parallel.chunks(2), (c, from, to) -> {
                Thread me = Thread.currentThread();
                if (c < 2) {
                    try {
                        barrier.await(30, java.util.concurrent.TimeUnit.SECONDS); // one of the two is a worker
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (me.getName().startsWith("movierec-worker")) {
                    if (interrupt) {
                        me.interrupt();
                    } else {
                        seen.add(me.isInterrupted());
                    }
                }
            });
        }
        assertThat(seen).as("chunks run on a default worker").isNotEmpty().containsOnly(false);
    }

    /** Chunk c's range and the sum of 1/(i+1) over it in float, in the order the chunk visits it. */
    private static float[] chunkSums(int n) {
        float[] sums = new float[Parallel.chunks(n)];
        Parallel.forRange(n, (c, from, to) -> {
            float s = 0;
            for (int i = from; i < to; i++) {
                s += 1f / (i + 1);
            }
            sums[c] = s;
        });
        return sums;
    }

    private static java.util.concurrent.ExecutorService namedPool(int threads, String name) {
        java.util.concurrent.atomic.AtomicInteger k = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Test
    void aScopedExecutorRunsTheChunksAndGivesTheSameChunksAndResults() throws Exception {
        int n = 10_007;
        float[] reference = chunkSums(n);
        java.util.concurrent.ExecutorService pool = namedPool(1, "bounded");
        try {
            java.util.Set<String> threadsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            String caller = Thread.currentThread().getName();
            float[] scoped = Parallel.withExecutor(pool, () -> {
                assertThat(Parallel.currentExecutor()).isSameAs(pool);
                Parallel.forRange(n, (c, from, to) -> threadsSeen.add(Thread.currentThread().getName()));
                return chunkSums(n);
            });
            // Same chunks, same per-chunk float sums: the executor never changes the numbers.
            assertThat(scoped).containsExactly(reference);
            // Only the caller and the given pool's threads ran chunks, never the default workers.
            assertThat(threadsSeen).allMatch(t -> t.equals(caller) || t.startsWith("bounded-"));
            assertThat(Parallel.currentExecutor()).as("the scope ended").isNotSameAs(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSaturatedOrBusyExecutorCannotDeadlockNestedRanges() throws Exception {
        // One thread, kept busy by nested ranges: every chunk starts another range. Chunks are claimed
        // by whoever is running, so the outer caller never waits for a helper stuck in the queue.
        java.util.concurrent.ExecutorService pool = namedPool(1, "tiny");
        java.util.concurrent.ExecutorService caller = namedPool(1, "caller");
        try {
            java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.Future<?> f = caller.submit(() ->
                    Parallel.withExecutor(pool, () -> Parallel.forRange(64, (c, from, to) -> {
                        for (int i = from; i < to; i++) {
                            Parallel.forRange(100, (c2, a, b) -> total.addAndGet(b - a));
                        }
                    })));
            f.get(120, java.util.concurrent.TimeUnit.SECONDS); // a deadlock guard, not a speed check
            assertThat(total.get()).isEqualTo(64L * 100);
        } finally {
            caller.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aShutDownExecutorLeavesTheWorkToTheCallerAndExceptionsStillPropagate() {
        java.util.concurrent.ExecutorService pool = namedPool(1, "gone");
        pool.shutdown();
        AtomicIntegerArray hits = new AtomicIntegerArray(1000);
        Parallel.withExecutor(pool, () -> Parallel.forRange(1000, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        }));
        for (int i = 0; i < 1000; i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
        assertThatThrownBy(() -> Parallel.withExecutor(pool, () -> Parallel.forRange(100, (c, from, to) -> {
            throw new IllegalArgumentException("chunk " + c);
        }))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("chunk ");
    }

    @Test
    void theDefaultExecutorCanBeReplacedForTheWholeProcess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Parallel.threads() >= 2, "needs 2 or more threads");
        java.util.concurrent.ExecutorService pool = namedPool(2, "server");
        try {
            Parallel.setDefaultExecutor(pool);
            assertThat(Parallel.currentExecutor()).isSameAs(pool);
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
            // Chunks 0 and 1 meet at a barrier, so one of them runs on a helper thread: a server one.
            Parallel.forRange(2 * Parallel.chunks(2), (c, from, to) -> {
                seen.add(Thread.currentThread().getName());
                if (c < 2) {
                    try {
                        barrier.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            assertThat(seen).anyMatch(t -> t.startsWith("server-")).noneMatch(t -> t.startsWith("movierec-worker"));
        } finally {
            Parallel.setDefaultExecutor(null);
            pool.shutdownNow();
        }
        assertThat(Parallel.currentExecutor()).isNotInstanceOf(java.util.concurrent.ThreadPoolExecutor.class);
    }
}

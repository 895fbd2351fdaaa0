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
}

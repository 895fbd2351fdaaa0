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
}

package org.movierec.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryBudgetTest {
    @TempDir
    Path dir;

    @Test
    void smallFileLinesAreCountedExactly() throws Exception {
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, "userId,movieId,rating,timestamp\n1,2,3.5,4\n1,3,4,5\n", StandardCharsets.UTF_8);
        assertThat(MemoryBudget.estimateLines(f)).isEqualTo(3);
        Files.writeString(f, "a\nb", StandardCharsets.UTF_8);
        assertThat(MemoryBudget.estimateLines(f)).isEqualTo(2);
    }

    @Test
    void largeFileLinesAreEstimatedFromTheHead() throws Exception {
        Path f = dir.resolve("ratings.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("1234,5678,4.5,1234567890\n"); // 25 bytes a line, 500,000 bytes
        }
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        assertThat(MemoryBudget.estimateLines(f)).isBetween(19_990L, 20_010L);
    }

    @Test
    void twentyFiveMillionRatingsDoNotFitInOneGigabyteButFitInFour() {
        long need = MemoryBudget.loadBytes(25_000_000L);
        assertThat(need).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> MemoryBudget.check("loading ratings.csv", need, 1L << 30))
                .isInstanceOf(MemoryBudget.InsufficientHeapException.class)
                .hasMessageContaining("loading ratings.csv needs about 953 MiB")
                .hasMessageContaining("at most 1,024 MiB (-Xmx)")
                .hasMessageContaining("MOVIEREC_JAVA_OPTS=-Xmx2g");
        MemoryBudget.check("loading ratings.csv", need, 4L << 30); // fits: no exception
    }

    /**
     * Under the parallel collector a JVM started with -Xmx4g reports 3,641 MiB: the suggested -Xmx is
     * scaled up by that share, so that it passes (a 4,522 MiB load: 5 GB would still be refused there).
     */
    @Test
    void theSuggestedHeapAllowsForTheShareOfXmxTheJvmMayUse() {
        long need = 4_522L << 20;
        double share = 3_641.0 / 4_096;
        assertThatThrownBy(() -> MemoryBudget.check("loading ratings.csv", need, (long) (5_120 * share) << 20,
                () -> share))
                .hasMessageContaining("MOVIEREC_JAVA_OPTS=-Xmx6g");
        assertThatThrownBy(() -> MemoryBudget.check("loading ratings.csv", need, (long) (5_120 * share) << 20))
                .hasMessageContaining("MOVIEREC_JAVA_OPTS=-Xmx5g");
        MemoryBudget.check("loading ratings.csv", need, (long) (6_144 * share) << 20, () -> share); // 6 GB fits
        assertThat(MemoryBudget.heapShare()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    }

    @Test
    void factorTrainingEstimateAddsUpItsParts() {
        // 10 users, 5 items, k=3, 2 threads, 100 ratings:
        // matrices (10+5)*3*4*2 = 360; by item 100*12 = 1200; per thread 2*(16*12 + 5*4) = 424
        assertThat(MemoryBudget.factorTrainingBytes(100, 10, 5, 3, 2)).isEqualTo(360 + 1200 + 424);
    }
}

package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.model.ModelIO;

class ModelWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aReplacedModelFileIsServedAndABrokenOneIsNot() throws Exception {
        var provA = ModelIO.load(TestServers.modelA()).model().provenance();
        var provB = ModelIO.load(TestServers.modelB()).model().provenance();
        assertThat(provA).isNotEqualTo(provB);
        try (MovieServer server = TestServers.start(dir, 1000)) {
            Path model = dir.resolve("model.bin");
            try (ModelWatcher w = ModelWatcher.start(server, model, Duration.ofMillis(20))) {
                assertThat(server.snapshot().model().provenance()).isEqualTo(provA);
                // As retrain --out does it: written beside, then renamed over the served file.
                replaceAtomically(TestServers.modelB(), model);
                await(() -> w.swaps() == 1);
                assertThat(server.snapshot().model().provenance()).isEqualTo(provB);
                assertThat(TestServers.call(server.port(), "GET", "/health/ready", null, null).status()).isEqualTo(200);

                // A half-written file (the first 1000 bytes of model A) does not load: B stays.
                byte[] a = Files.readAllBytes(TestServers.modelA());
                Files.write(model, java.util.Arrays.copyOf(a, 1000));
                await(() -> w.failures() >= 1);
                assertThat(w.swaps()).isEqualTo(1);
                assertThat(server.snapshot().model().provenance()).isEqualTo(provB);

                // Once the copy is complete, the next look swaps to it.
                Files.write(model, a);
                await(() -> w.swaps() == 2);
                assertThat(server.snapshot().model().provenance()).isEqualTo(provA);
            }
        }
    }

    @Test
    void anUnchangedFileIsNeverReloaded() throws Exception {
        try (MovieServer server = TestServers.start(dir, 1000);
             ModelWatcher w = ModelWatcher.start(server, dir.resolve("model.bin"), Duration.ofMillis(10))) {
            String v = server.snapshot().version();
            for (int i = 0; i < 20; i++) {
                w.check();
            }
            assertThat(w.swaps()).isZero();
            assertThat(w.failures()).isZero();
            assertThat(server.snapshot().version()).isEqualTo(v);
        }
    }

    private static void replaceAtomically(Path from, Path to) throws Exception {
        Path tmp = to.resolveSibling(".model.tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits (up to 30 s: the test only bounds how long a broken watcher can hang it) for {@code done}. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the watcher did not react within 30 s");
            }
            Thread.sleep(10);
        }
    }
}

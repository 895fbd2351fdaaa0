package org.movierec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps a running server to its model file whenever the file changes, so that
 * {@code movierec retrain --out MODEL} (which writes atomically) is picked up without an admin call.
 * It polls the file's identity (size, modification time, file key) every {@code interval}, on one
 * daemon thread; polling rather than a directory watch, because an atomic rename replaces the file
 * the watch would be on, and because it behaves the same on every file system. A changed file that
 * does not load (a copy still being written, a corrupt or foreign file: the model file's checksum
 * catches both) is logged and counted; the server keeps the model it has and tries again at the
 * file's next change. The swap itself is {@link MovieServer#reload()}: atomic, no request sees two
 * models.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final MovieServer server;
    private final Path file;
    private final ScheduledExecutorService timer;
    private final AtomicInteger swaps = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private Identity last;

    private record Identity(long size, FileTime modified, Object key) {
    }

    private ModelWatcher(MovieServer server, Path file) {
        this.server = server;
        this.file = file;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "movierec-model-watch");
            t.setDaemon(true);
            return t;
        });
        this.last = identity();
    }

    /**
     * Starts watching {@code server}'s model file.
     *
     * @param interval time between two looks at the file (at least 10 ms)
     */
    public static ModelWatcher start(MovieServer server, Path modelFile, Duration interval) {
        Objects.requireNonNull(server, "server");
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("watch interval must be at least 10 ms, got " + interval);
        }
        ModelWatcher w = new ModelWatcher(server, modelFile);
        w.timer.scheduleWithFixedDelay(w::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    /** Looks at the file once; swaps when it changed. Runs on the watcher's thread (tests may call it). */
    synchronized void check() {
        Identity now = identity();
        if (now == null || now.equals(last)) {
            return; // missing (between a delete and a create) or unchanged
        }
        last = now;
        try {
            String version = server.reload();
            swaps.incrementAndGet();
            LOG.info("model file {} changed: now serving version {}", file, version);
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("model file {} changed but does not load ({}); still serving version {}", file, e.getMessage(),
                    server.snapshot().version());
        }
    }

    private Identity identity() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Identity(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("cannot read the attributes of model file {}: {}", file, e.getMessage());
            return null;
        }
    }

    /** Swaps made because the file changed. */
    public int swaps() {
        return swaps.get();
    }

    /** Changes of the file that did not load. */
    public int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

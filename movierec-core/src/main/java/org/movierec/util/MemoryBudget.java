package org.movierec.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Up-front estimates of the heap a load or a training run needs, checked against the JVM's
 * maximum heap before the work starts, so that a too-large job stops at once with a message naming
 * the flag to raise instead of an {@link OutOfMemoryError} minutes later.
 *
 * <p>The constants come from measurements (BENCHMARKS.md, "Load under a 1.5 GB heap"): loading 25M
 * ratings from CSV peaks at about 911 MiB above the baseline (38 bytes per rating) and retains 495
 * MiB (21 bytes per rating: user, item, rating, timestamp and the per-user offsets). The estimate
 * uses 40 bytes per rating for the load peak and 24 per rating for what stays.
 */
public final class MemoryBudget {
    /** Heap per rating while loading (parse buffers plus the arrays being built). */
    public static final long LOAD_PEAK_BYTES_PER_RATING = 40;
    /** Heap per rating that a loaded dataset keeps. */
    public static final long RETAINED_BYTES_PER_RATING = 24;
    /** Fraction of the maximum heap a job may plan to use; the rest is head-room for the GC. */
    static final double USABLE_FRACTION = 0.9;

    private MemoryBudget() {
    }

    /** Thrown when an estimate exceeds the heap; the message names -Xmx and MOVIEREC_JAVA_OPTS. */
    public static final class InsufficientHeapException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        /** The estimate, in bytes. */
        private final long neededBytes;
        /** The JVM's maximum heap, in bytes. */
        private final long maxHeapBytes;

        InsufficientHeapException(String message, long neededBytes, long maxHeapBytes) {
            super(message);
            this.neededBytes = neededBytes;
            this.maxHeapBytes = maxHeapBytes;
        }

        /**
         * What the job was estimated to need.
         *
         * @return bytes of heap
         */
        public long neededBytes() {
            return neededBytes;
        }

        /**
         * What the JVM may use.
         *
         * @return the maximum heap in bytes ({@code -Xmx})
         */
        public long maxHeapBytes() {
            return maxHeapBytes;
        }
    }

    /**
     * The JVM's maximum heap.
     *
     * @return bytes ({@code -Xmx}, or the JVM's default)
     */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Estimated number of lines of a text file from its size and the mean length of the lines in
     * its first 64 KiB (exact for files that small).
     *
     * @param file a text file
     * @return the estimated line count (0 for an empty file)
     * @throws IOException when the file cannot be read
     */
    public static long estimateLines(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return 0;
        }
        byte[] head = new byte[(int) Math.min(size, 1 << 16)];
        int read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (read < head.length && (r = in.read(head, read, head.length - read)) > 0) {
                read += r;
            }
        }
        int lines = 0;
        for (int i = 0; i < read; i++) {
            if (head[i] == '\n') {
                lines++;
            }
        }
        if (read == size) {
            return lines + (head[read - 1] == '\n' ? 0 : 1);
        }
        if (lines == 0) {
            return 1;
        }
        return (long) Math.ceil(size / ((double) read / lines));
    }

    /**
     * Heap needed to load a ratings file ({@link #LOAD_PEAK_BYTES_PER_RATING} per rating).
     *
     * @param ratings the number of ratings
     * @return bytes at the load's peak
     */
    public static long loadBytes(long ratings) {
        return ratings * LOAD_PEAK_BYTES_PER_RATING;
    }

    /**
     * Heap a factor model's training needs on top of its loaded data: the user and item factor
     * matrices, a copy of the ratings grouped by item (ALS solves per item; 12 bytes a rating),
     * and per-thread solver buffers.
     *
     * @param ratings the number of training ratings
     * @param users   the number of users
     * @param items   the number of items
     * @param factors the rank
     * @param threads the training threads
     * @return bytes
     */
    public static long factorTrainingBytes(long ratings, long users, long items, int factors, int threads) {
        long matrices = (users + items) * (long) factors * Float.BYTES * 2; // factors + one working copy
        long byItem = ratings * 12;
        long perThread = (long) threads * ((long) (factors + 1) * (factors + 1) * (Float.BYTES + Double.BYTES)
                + items * Float.BYTES);
        return matrices + byItem + perThread;
    }

    /**
     * Checks a training run's estimate, plus the loaded data it trains on
     * ({@link #RETAINED_BYTES_PER_RATING} per rating), against {@link #maxHeap()}, before it starts.
     *
     * @param what           the job, as the message names it (for example "ease on 20,000 movies")
     * @param bytes          the training's own estimate
     * @param loadedRatings  the ratings held in memory while it runs
     * @throws InsufficientHeapException when the sum exceeds 90% of the maximum heap
     */
    public static void checkTraining(String what, long bytes, long loadedRatings) {
        check(what, bytes + loadedRatings * RETAINED_BYTES_PER_RATING);
    }

    /**
     * Checks an estimate against {@link #maxHeap()}.
     *
     * @param what  the job, as the message names it (for example "loading ratings.csv")
     * @param bytes the estimate
     * @throws InsufficientHeapException when {@code bytes} exceeds 90% of the maximum heap
     */
    public static void check(String what, long bytes) {
        check(what, bytes, maxHeap(), MemoryBudget::heapShare);
    }

    /**
     * The share of {@code -Xmx} the JVM reports as its maximum heap: 1 under G1; less under the
     * generational collectors, whose {@link Runtime#maxMemory()} leaves out a survivor space (3,641 of
     * 4,096 MiB under the parallel collector). Read only when a check fails (it loads the management
     * classes); 1 when the JVM does not say.
     *
     * @return {@code maxMemory() / MaxHeapSize}, in (0, 1]
     */
    static double heapShare() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            long xmx = Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
            return xmx > 0 ? Math.max(0.01, Math.min(1.0, (double) maxHeap() / xmx)) : 1.0;
        } catch (RuntimeException | LinkageError e) {
            return 1.0;
        }
    }

    /**
     * Throws {@link InsufficientHeapException} when {@code bytes} exceeds 90% of {@code maxHeap},
     * naming the heap to ask for.
     *
     * @param what    the job, as the message names it
     * @param bytes   the estimate
     * @param maxHeap the heap to check against, in bytes
     * @throws InsufficientHeapException when {@code bytes > 0.9 * maxHeap}
     */
    public static void check(String what, long bytes, long maxHeap) {
        check(what, bytes, maxHeap, () -> 1.0);
    }

    /**
     * {@link #check(String, long, long)} where the JVM may use only {@code share} of its {@code -Xmx}
     * ({@link #heapShare()}, asked only when the check fails): the suggested {@code -Xmx} is scaled up by
     * it, so that a JVM started with it passes this check.
     */
    static void check(String what, long bytes, long maxHeap, java.util.function.DoubleSupplier share) {
        if (bytes <= (long) (maxHeap * USABLE_FRACTION)) {
            return;
        }
        double xmx = bytes / USABLE_FRACTION / share.getAsDouble();
        long suggestGiB = Math.max(1, (long) Math.ceil(xmx / (1L << 30)));
        throw new InsufficientHeapException(String.format(Locale.ROOT,
                "%s needs about %s of heap, but this JVM may use at most %s (-Xmx). Raise it, e.g. "
                        + "MOVIEREC_JAVA_OPTS=-Xmx%dg ./movierec ... (or java -Xmx%dg -jar movierec.jar ...)",
                what, mib(bytes), mib(maxHeap), suggestGiB, suggestGiB), bytes, maxHeap);
    }

    /**
     * Estimates the load of a ratings file and checks it against the heap; a missing file passes (the
     * reader reports it).
     *
     * @param ratingsFile the ratings file about to be read
     * @throws IOException               when the file cannot be read
     * @throws InsufficientHeapException when the load would not fit
     */
    public static void checkLoad(Path ratingsFile) throws IOException {
        if (!Files.isRegularFile(ratingsFile)) {
            return; // the reader reports a missing file with its own message
        }
        long lines = estimateLines(ratingsFile);
        check(String.format(Locale.ROOT, "loading %s (about %,d ratings)", ratingsFile, lines), loadBytes(lines));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}

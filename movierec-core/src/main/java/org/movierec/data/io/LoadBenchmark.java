package org.movierec.data.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;

/**
 * Measures how long a dataset directory takes to load and how much heap the load needs.
 *
 * <pre>
 * java -Xmx1500m -cp movierec-core/target/classes org.movierec.data.io.LoadBenchmark DIR [--repeat N] [--reader R]
 * java -Xmx6g -cp movierec-core/target/classes org.movierec.data.io.LoadBenchmark \
 *      --synth USERS MOVIES RATINGS SEED OUT_DIR [csv|100k|1m]
 * </pre>
 *
 * <p>Peak heap is reported two ways: the maximum of the used heap sampled every 2 ms during the load
 * (garbage included, so it is what the heap had to hold), and the sum over heap memory pools of their
 * peak usage ({@link MemoryPoolMXBean#getPeakUsage()}, reset before each run), a loose upper bound
 * because pools peak at different moments. "Retained" is the used heap after a full
 * collection with the dataset still reachable. Run with {@code -Xmx} set to the budget to prove a
 * bound: a load that does not fit ends in OutOfMemoryError. {@code --reader} chooses the reader of
 * a MovieLens CSV directory: {@code movielens} (the default, {@link DatasetReader}), {@code interactions}
 * ({@link InteractionsReader} with {@link InteractionsSpec#movieLensCsv}, the same rows through the
 * generic reader) or {@code both}, which alternates the two in every run. {@code FILE --columns ...}
 * times the generic reader on any interactions file (e.g. the same ratings with string ids). The {@code --synth} mode writes a
 * synthetic dataset (half stars for CSV) with {@link SyntheticGenerator} and {@link MovieLensWriter}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    /**
     * Runs the benchmark: {@code DIR [--repeat N]} loads a dataset directory N times (default 1) and
     * prints the time and heap per load; {@code --synth USERS MOVIES RATINGS SEED OUT_DIR [csv|100k|1m]}
     * writes a synthetic dataset to time later. Exits with code 2 on a usage error.
     *
     * @param args the command line
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 6 && args[0].equals("--synth")) {
            synth(args);
            return;
        }
        int repeat = 1;
        String reader = "movielens";
        String columns = null;
        boolean ok = args.length % 2 == 1;
        for (int a = 1; ok && a + 1 < args.length; a += 2) {
            switch (args[a]) {
                case "--repeat" -> repeat = Integer.parseInt(args[a + 1]);
                case "--reader" -> reader = args[a + 1];
                case "--columns" -> columns = args[a + 1];
                default -> ok = false;
            }
        }
        ok &= List.of("movielens", "interactions", "both").contains(reader);
        if (!ok) {
            System.err.println("usage: LoadBenchmark DIR [--repeat N] [--reader movielens|interactions|both]\n"
                    + "       LoadBenchmark FILE [--columns ROLE=COLUMN,...] [--repeat N]\n"
                    + "       LoadBenchmark --synth USERS MOVIES RATINGS SEED OUT_DIR [csv|100k|1m]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> readers = reader.equals("both") ? List.of("movielens", "interactions") : List.of(reader);
        if (columns != null) {
            fileSpec = InteractionsSpec.of(InteractionsSpec.parseMapping(columns, "--columns"));
            readers = List.of("interactions");
        } else if (java.nio.file.Files.isRegularFile(dir)) {
            // a file is an interactions file: its columns named after their roles, or MovieLens's names
            fileSpec = InteractionsSpec.defaults();
            readers = List.of("interactions");
        }
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, %d processors%n", mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < repeat; k++) {
            for (String which : readers) {
                run(dir, which, k);
            }
        }
    }

    /** The mapping of a file given with --columns, or null for a MovieLens directory. */
    private static InteractionsSpec fileSpec;

    private static void run(Path dir, String which, int k) throws IOException {
        {
            Dataset d = null;
            System.gc();
            long before = usedHeap();
            List<MemoryPoolMXBean> pools = heapPools();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            AtomicLong sampled = new AtomicLong();
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (loading.get()) {
                    sampled.accumulateAndGet(usedHeap(), Math::max);
                    LockSupport.parkNanos(2_000_000L);
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            double c0 = processCpuSeconds();
            long t0 = System.nanoTime();
            d = which.equals("movielens") ? DatasetReader.read(dir)
                    : fileSpec != null ? InteractionsReader.read(dir, fileSpec, ReadOptions.DEFAULTS)
                    : InteractionsReader.read(dir.resolve("ratings.csv"), InteractionsSpec.movieLensCsv(dir),
                    ReadOptions.DEFAULTS);
            long t1 = System.nanoTime();
            double cpu = processCpuSeconds() - c0;
            loading.set(false);
            long peak = 0;
            for (MemoryPoolMXBean p : pools) {
                peak += p.getPeakUsage().getUsed();
            }
            System.gc();
            long retained = usedHeap();
            System.out.printf(Locale.ROOT, "run %d (%s reader): %s loaded in %.2f s (process CPU %.2f s); peak heap: sampled %.0f MiB, pool peaks "
                            + "sum <= %.0f MiB; retained %.0f MiB (heap before %.0f MiB); fingerprint %s%n", k + 1, which, d,
                    (t1 - t0) / 1e9, cpu, mib(sampled.get()), mib(peak), mib(retained), mib(before), d.fingerprint());
        }
    }

    private static void synth(String[] a) throws IOException {
        int users = Integer.parseInt(a[1]);
        int movies = Integer.parseInt(a[2]);
        long ratings = Long.parseLong(a[3]);
        long seed = Long.parseLong(a[4]);
        Path out = Path.of(a[5]);
        MovieLensWriter.Format format = MovieLensWriter.Format.parse(a.length > 6 ? a[6] : "csv");
        long t0 = System.nanoTime();
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(users, movies, ratings, seed)
                .withHalfStars(format == MovieLensWriter.Format.CSV));
        long t1 = System.nanoTime();
        List<Path> files = MovieLensWriter.write(d, format, out);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "generated %s in %.1f s, wrote %s in %.1f s; fingerprint %s%n", d,
                (t1 - t0) / 1e9, files, (t2 - t1) / 1e9, d.fingerprint());
    }

    /** CPU seconds of the whole process (all threads, the heap sampler's included), or NaN. */
    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

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
 * java -Xmx1500m -cp movierec-core/target/classes org.movierec.data.io.LoadBenchmark DIR [--repeat N]
 * java -Xmx6g -cp movierec-core/target/classes org.movierec.data.io.LoadBenchmark \
 *      --synth USERS MOVIES RATINGS SEED OUT_DIR [csv|100k|1m]
 * </pre>
 *
 * <p>Peak heap is reported two ways: the maximum of the used heap sampled every 2 ms during the load
 * (garbage included, so it is what the heap had to hold), and the sum over heap memory pools of their
 * peak usage ({@link MemoryPoolMXBean#getPeakUsage()}, reset before each run), a loose upper bound
 * because pools peak at different moments. "Retained" is the used heap after a full
 * collection with the dataset still reachable. Run with {@code -Xmx} set to the budget to prove a
 * bound: a load that does not fit ends in OutOfMemoryError. The {@code --synth} mode writes a
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
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--repeat"))) {
            System.err.println("usage: LoadBenchmark DIR [--repeat N]\n"
                    + "       LoadBenchmark --synth USERS MOVIES RATINGS SEED OUT_DIR [csv|100k|1m]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int repeat = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        System.out.printf(Locale.ROOT, "max heap %.0f MiB, %d processors%n", mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < repeat; k++) {
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
            long t0 = System.nanoTime();
            d = DatasetReader.read(dir);
            long t1 = System.nanoTime();
            loading.set(false);
            long peak = 0;
            for (MemoryPoolMXBean p : pools) {
                peak += p.getPeakUsage().getUsed();
            }
            System.gc();
            long retained = usedHeap();
            System.out.printf(Locale.ROOT, "run %d: %s loaded in %.2f s; peak heap: sampled %.0f MiB, pool peaks "
                            + "sum <= %.0f MiB; retained %.0f MiB (heap before %.0f MiB); fingerprint %s%n", k + 1, d,
                    (t1 - t0) / 1e9, mib(sampled.get()), mib(peak), mib(retained), mib(before), d.fingerprint());
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

package org.movierec.cli;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;
import org.movierec.data.Dataset;
import org.movierec.eval.Evaluator;
import org.movierec.eval.RatingErrors;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.neural.NeuralModel;
import org.movierec.util.MemoryBudget;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * {@code bench --suite neural}: the whole training of each neural model (default config, early
 * stopping, or {@code --epochs N}) on one training part, with its wall time, the epochs it ran, the
 * test RMSE/MSE, and the heap it needed: the heap in use before training (data and split), the peak
 * of the heap pools during training (an upper bound: it includes garbage not yet collected), and the
 * largest heap left after any garbage collection during training (it includes old-generation garbage
 * that young collections leave, so it depends on when collections ran). A model
 * that does not fit in the JVM's heap is a row saying so, with how far it got, not a crash.
 *
 * <p>With {@code --epoch-fraction F} training stops (through the progress listener's cancellation)
 * after that share of the first epoch's batches: the heap of a part of an epoch, for data where a
 * whole epoch takes too long to measure.
 */
final class NeuralBench {
    /** The report models; {@code name:key=value;key=value} adds parameters. */
    static final List<String> ALGOS = List.of("ncf", "wide-deep", "wide-deep:withIds=true", "dcn", "content-tower");

    private final List<Entry> entries;
    private final Integer epochs;
    private final double epochFraction;
    private final long seed;

    NeuralBench(List<String> entries, Integer epochs, Double epochFraction, long seed) {
        if (epochs != null && epochs < 1) {
            throw new Main.UserException("--epochs must be >= 1, got " + epochs);
        }
        double f = epochFraction == null ? 1.0 : epochFraction;
        if (!(f > 0 && f <= 1)) {
            throw new Main.UserException("--epoch-fraction must be in (0, 1], got " + epochFraction);
        }
        List<Entry> parsed = new ArrayList<>();
        for (String e : entries == null ? ALGOS : entries) {
            parsed.add(parse(e)); // unknown names and bad parameters fail before any training
        }
        this.entries = List.copyOf(parsed);
        this.epochs = epochs;
        this.epochFraction = f;
        this.seed = seed;
    }

    /** An algorithm with its parameters from {@code name:key=value;key=value}. */
    record Entry(String algorithm, Map<String, String> params) {
        String label() {
            if (params.isEmpty()) {
                return algorithm;
            }
            StringBuilder sb = new StringBuilder(algorithm);
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    static Entry parse(String entry) {
        int colon = entry.indexOf(':');
        String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
        if (!AlgorithmRegistry.contains(name)) {
            throw new Main.UserException("unknown algorithm '" + name + "' in --algo '" + entry + "'; see `movierec "
                    + "algorithms`");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String kv : entry.substring(colon + 1).split(";")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new Main.UserException("--algo '" + entry + "': expected name:key=value;key=value, got '"
                            + kv + "'");
                }
                params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        try {
            AlgorithmRegistry.create(name, params);
        } catch (IllegalArgumentException e) {
            throw new Main.UserException("--algo '" + entry + "': " + e.getMessage());
        }
        return new Entry(name, params);
    }

    /**
     * Runs every entry on {@code train} (validation: {@code validation}, or carved from train by the
     * model), scoring {@code test} when given and training ran to its end.
     *
     * @return the markdown table and its notes
     */
    String run(Dataset train, Dataset validation, Dataset test, String partName, PrintWriter stdout) {
        StringBuilder sb = new StringBuilder();
        sb.append("Training part: ").append(partName).append(", ").append(train.interactions().size())
                .append(" ratings, ").append(train.numUsers()).append(" users, ").append(train.numItems())
                .append(" movies").append(validation == null ? "; validation carved from it by each model" : "")
                .append(test == null ? "" : "; test: " + test.interactions().size() + " ratings").append(".\n\n");
        sb.append("| model | epochs run (best) | train s | set-up s | ms/batch | test RMSE (MSE) | weights MiB "
                + "| heap before MiB | peak heap MiB | max heap after GC MiB | fits in -Xmx")
                .append(MemoryBudget.maxHeap() >> 20)
                .append("m? | load avg 1/5/15 min |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Entry entry : entries) {
            Map<String, String> p = new LinkedHashMap<>();
            Map<String, ?> keys = org.movierec.model.Params.toMap(
                    AlgorithmRegistry.create(entry.algorithm(), Map.of()).config());
            if (epochs != null && keys.containsKey("epochs")) {
                p.put("epochs", epochs.toString());
            }
            if (keys.containsKey("seed")) {
                p.put("seed", Long.toString(seed));
            }
            p.putAll(entry.params());
            Trainer<?> trainer = AlgorithmRegistry.create(entry.algorithm(), p);
            stdout.println("training " + entry.label() + " ...");
            stdout.flush();
            Row row = measure(trainer, train, validation, test, epochFraction);
            String line = "| " + entry.label() + " | " + row.format() + " |\n";
            sb.append(line);
            stdout.print("  " + line);
            stdout.flush();
        }
        sb.append("\nHeap before: in use after a full GC just before training (the data and its split parts). Peak: ")
                .append("the sum of the heap pools' peaks during training, an upper bound (it counts garbage not yet ")
                .append("collected). Max after GC: the largest heap in use right after any collection during ")
                .append("training (it includes old-generation garbage that young collections leave, so it ")
                .append("depends on when collections ran). 'train s' is the whole fit (validation carve, features, ")
                .append("epochs, early stopping); 'set-up s' the part before the first batch (carve, features, ")
                .append("network); 'ms/batch' the rest divided by the training batches run (validation passes ")
                .append("included); weights: the trained network's parameters (early stopping keeps one more copy, ")
                .append("Adam two more); ").append(Parallel.threads()).append(" worker threads");
        if (epochFraction < 1) {
            sb.append(String.format(Locale.ROOT, "; training stopped after %.0f%% of the first epoch's batches "
                    + "(--epoch-fraction), so there is no test score", epochFraction * 100));
        }
        sb.append(".\n");
        return sb.toString();
    }

    /** One model's measurement; {@code failure} is null when training ended normally. */
    record Row(String epochs, double seconds, double setup, double msPerBatch, String test, String weights,
               long before, long peak, long afterGc, String failure, String load) {
        String format() {
            String fits = failure == null ? "yes" : "**no**: " + failure;
            String ms = Double.isNaN(msPerBatch) ? "–" : String.format(Locale.ROOT, "%.2f", msPerBatch);
            return String.format(Locale.ROOT, "%s | %.2f | %.2f | %s | %s | %s | %d | %d | %d | %s | %s", epochs,
                    seconds, setup, ms, test, weights, before >> 20, peak >> 20, afterGc >> 20, fits, load);
        }

        boolean fits() {
            return failure == null;
        }
    }

    /**
     * Fits {@code trainer}, measuring time and heap; an {@link OutOfMemoryError} or a failed heap
     * estimate becomes a row that says so.
     */
    static Row measure(Trainer<?> trainer, Dataset train, Dataset validation, Dataset test, double epochFraction) {
        Budget budget = new Budget(epochFraction);
        Model model = null;
        String failure = null;
        String stopped = null;
        long before;
        long peak;
        long afterGc;
        long t0;
        double seconds;
        double setup;
        double msPerBatch;
        try (HeapWatch watch = new HeapWatch()) {
            before = watch.before();
            t0 = System.nanoTime();
            try {
                model = trainer.fit(train, validation, budget);
            } catch (CancellationException e) {
                stopped = String.format(Locale.ROOT, "%.0f%% of epoch 1 (%d of %d batches)", epochFraction * 100,
                        budget.done, budget.total);
            } catch (OutOfMemoryError e) {
                String where = budget.starts == 0 ? "in the set-up, before the first batch"
                        : String.format(Locale.ROOT, "in epoch %d, after batch %d of %d", budget.starts, budget.done,
                                budget.total);
                failure = String.format(Locale.ROOT, "OutOfMemoryError (%s) after %.1f s, %s; the allocation that "
                        + "failed is not in the peak", e.getMessage(), (System.nanoTime() - t0) / 1e9, where);
            } catch (MemoryBudget.InsufficientHeapException e) {
                failure = String.format(Locale.ROOT, "needs about %d MiB (estimate before training): %s",
                        e.neededBytes() >> 20, e.getMessage());
            }
            long t1 = System.nanoTime();
            seconds = (t1 - t0) / 1e9;
            setup = budget.firstStart == 0 ? seconds : (budget.firstStart - t0) / 1e9;
            msPerBatch = budget.done == 0 ? Double.NaN : (t1 - budget.firstStart) / 1e6 / budget.done;
            peak = watch.peak();
            afterGc = watch.maxAfterGc();
        }
        String epochsRun;
        String testScore = "–";
        String weights = "–";
        if (model instanceof NeuralModel<?> nm) {
            epochsRun = nm.history().epochs().size() + " (" + nm.bestEpoch() + ")";
            long floats = 0;
            for (org.movierec.neural.engine.Param p : nm.network().params()) {
                floats += p.value.length;
            }
            weights = String.format(Locale.ROOT, "%.2f", floats * 4.0 / (1 << 20));
        } else if (model != null) {
            epochsRun = "–";
        } else {
            epochsRun = stopped != null ? stopped : "–";
        }
        if (model instanceof RatingPredictor rp && test != null) {
            RatingErrors.Result r = Evaluator.ratingErrors(rp, test.interactions(), test.ratingScale(), true);
            testScore = String.format(Locale.ROOT, "%.4f (%.4f)", r.rmse(), r.rmse() * r.rmse());
        }
        model = null;
        return new Row(epochsRun, seconds, setup, msPerBatch, testScore, weights, before, peak, afterGc, failure,
                loadAverage());
    }

    /** The system's load averages (1, 5, 15 minutes) from /proc/loadavg, else the JVM's 1-minute figure. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "–" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    /** Counts batches and cancels once {@code fraction} of the first epoch's batches have run. */
    static final class Budget implements ProgressListener {
        private final double fraction;
        private long limit = Long.MAX_VALUE;
        /** System.nanoTime() of the first epoch's start, 0 before. */
        long firstStart;
        long done;
        long total;
        int starts;

        Budget(double fraction) {
            this.fraction = fraction;
        }

        @Override
        public void start(String task, long total) {
            starts++;
            if (starts == 1) {
                firstStart = System.nanoTime();
            }
            this.total = total;
            if (starts == 1 && fraction < 1) {
                limit = Math.max(1, (long) Math.ceil(fraction * total));
            }
        }

        @Override
        public void advance(long steps) {
            done += steps;
        }

        @Override
        public void done() {
        }

        @Override
        public boolean cancelled() {
            return done >= limit;
        }
    }

    /**
     * The heap during a run: a full GC and reset peaks at the start, then the heap pools' peak sum and,
     * through the collectors' notifications, the largest heap in use after any collection.
     */
    static final class HeapWatch implements AutoCloseable {
        private final Set<String> heapPools = new HashSet<>();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong maxAfterGc = new AtomicLong();
        /** Per collector, the id of its last collection before the watch started: older ones are ignored. */
        private final Map<String, Long> startIds = new java.util.concurrent.ConcurrentHashMap<>();
        private final long before;
        private final NotificationListener listener = this::onGc;

        HeapWatch() {
            resetPeaks();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            maxAfterGc.set(before);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                com.sun.management.GcInfo last = gc instanceof com.sun.management.GarbageCollectorMXBean g
                        ? g.getLastGcInfo() : null;
                startIds.put(gc.getName(), last == null ? -1L : last.getId());
                if (gc instanceof NotificationEmitter em) {
                    em.addNotificationListener(listener, null, null);
                    emitters.add(em);
                }
            }
        }

        private void onGc(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            record(info.getGcName(), info.getGcInfo());
        }

        private void record(String collector, com.sun.management.GcInfo gc) {
            if (gc == null || gc.getId() <= startIds.getOrDefault(collector, -1L)) {
                return; // a collection from before this run
            }
            long used = 0;
            for (Map.Entry<String, MemoryUsage> e : gc.getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
            maxAfterGc.accumulateAndGet(used, Math::max);
        }

        long before() {
            return before;
        }

        long peak() {
            return peakSum();
        }

        /** A full GC, then every heap pool's peak reset to its current use (the other suites use it too). */
        static void resetPeaks() {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
        }

        /** The sum of the heap pools' peaks since the last {@link #resetPeaks()}: an upper bound of the peak heap. */
        static long peakSum() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum;
        }

        /** Includes each collector's last collection, whose notification may not have arrived yet. */
        long maxAfterGc() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof com.sun.management.GarbageCollectorMXBean g) {
                    record(g.getName(), g.getLastGcInfo());
                }
            }
            return maxAfterGc.get();
        }

        @Override
        public void close() {
            for (NotificationEmitter em : emitters) {
                try {
                    em.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // already gone
                }
            }
        }
    }
}

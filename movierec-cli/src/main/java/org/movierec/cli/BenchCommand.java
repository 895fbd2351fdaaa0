package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.InteractionsReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.data.io.MovieLensWriter;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.eval.Evaluator;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.Params;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.rec.Recommender;
import org.movierec.split.Fold;
import org.movierec.split.Split;
import org.movierec.split.Splits;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec bench}: runs a named suite and prints its table, with the machine, the date and
 * the exact command; {@code --out BENCHMARKS.md} also appends it there (nothing is written without
 * {@code --out}). This is where every speed claim of the project comes from.
 *
 * <ul>
 * <li>{@code rating}: rating accuracy over the folds (u1..u5 when the directory has them, else
 * 5-fold), mean ± spread, training time, scoring throughput, peak heap;</li>
 * <li>{@code topn}: ranking accuracy on one fold (u1, else a seeded 80/20);</li>
 * <li>{@code speed}: the speed targets: BiasedMF k=100 x 20 epochs, SVD++, top-10 for every user,
 * one ALS epoch on a synthetic 25M-rating dataset at k=64, and load time and heap;</li>
 * <li>{@code startup}: whole processes side by side, {@code ./movierec train} against a plain Java
 * program doing the same work ({@link StartupBench});</li>
 * <li>{@code neural}: the whole training of each report model (default config with early stopping, or
 * {@code --epochs N}; {@code --epoch-fraction F} stops early in the first epoch) on one training part,
 * with its time, epochs, test RMSE and heap, and whether it fits in the JVM's heap ({@link NeuralBench}).</li>
 * </ul>
 *
 * Peak heap is the sum of the heap pools' peak usage between a GC before the run and its end: an
 * upper bound on the live heap the run needed (it includes garbage not yet collected).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark suite (rating, topn, speed, startup, recommend-all, neural) and print the results; --out "
                + "FILE also appends them to FILE (BENCHMARKS.md).")
public final class BenchCommand implements Callable<Integer> {
    static final List<String> RATING_ALGOS = List.of("bias", "biased-mf", "svdpp", "timesvdpp", "item-knn", "als", "fm",
            "blend");
    static final List<String> TOPN_ALGOS = List.of("popularity", "item-knn", "ease", "ials", "bpr");

    /** Untimed runs before the timed ones, so that the JIT has compiled the hot loops. */
    static final int WARM_UP = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--data", description = "Dataset directory; the speed suite's ML-100k timings need it.")
    Path data;

    @Option(names = "--suite", required = true, split = ",", description = "rating, topn, speed, startup, recommend-all, neural (comma separated).")
    List<String> suites;

    @Option(names = "--algo", split = ",", description = "Algorithms for rating/topn/neural (default: the suite's list; "
            + "neural also takes name:key=value;key=value, e.g. wide-deep:withIds=true).")
    List<String> algos;

    @Option(names = "--split", description = "Split for rating/topn (default: u1..u5 / u1 when present, else kfold:5 / "
            + "random:0.8); for neural a one-fold split or 'all' (default: random:0.8, report 003's protocol).")
    String split;

    @Option(names = "--epochs", description = "neural: cap every model at this many epochs (default: each model's "
            + "config, with early stopping).")
    Integer epochs;

    @Option(names = "--epoch-fraction", paramLabel = "F",
            description = "neural: stop training after this share (0, 1] of the first epoch's batches (default: 1, "
                    + "no stop).")
    Double epochFraction;

    @Option(names = "--synthetic-ratings", defaultValue = "25000000",
            description = "Size of the synthetic dataset of the speed suite's ALS and load rows (default: ${DEFAULT-VALUE}; 0 skips).")
    long syntheticRatings;

    @Option(names = "--shape", defaultValue = "162000x59000x64", paramLabel = "USERSxMOVIESxK",
            description = "Model shape of the recommend-all suite (default: ${DEFAULT-VALUE}, ML-25M's).")
    String shape;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions of each speed row (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--launcher", defaultValue = "movierec",
            description = "The launcher script the startup suite runs (default: ${DEFAULT-VALUE}).")
    Path launcher;

    @Option(names = "--reference", defaultValue = "bench/PlainSgd.java",
            description = "The plain program the startup suite compares with (default: ${DEFAULT-VALUE}).")
    Path reference;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also append the results to this file (e.g. BENCHMARKS.md); without it nothing is written.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            Main.requireOutputDirectory("--out", out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (String s : suites) {
            if (!List.of("rating", "topn", "speed", "startup", "recommend-all", "neural").contains(s)) {
                throw new Main.UserException("unknown suite '" + s + "'; expected rating, topn, speed, startup, "
                        + "recommend-all or neural");
            }
        }
        Dataset dataset = data == null ? null : readOptions.read(data);
        for (String s : suites) {
            String section;
            switch (s) {
                case "rating" -> section = accuracy(requireData(dataset), "rating",
                        algos != null ? algos : available(RATING_ALGOS), defaultSplit(true));
                case "topn" -> section = accuracy(requireData(dataset), "topn",
                        algos != null ? algos : available(TOPN_ALGOS), defaultSplit(false));
                case "startup" -> section = new StartupBench(launcher, reference, data, repeats).run(stdout);
                case "recommend-all" -> section = RecommendAllBench.parse(shape).run(stdout);
                case "neural" -> section = neural(requireData(dataset), stdout);
                default -> section = speed(dataset, stdout);
            }
            String text = header(s, dataset) + section + "\n";
            stdout.print(text);
            stdout.flush();
            if (out != null) {
                append(text);
            }
        }
        if (out != null) {
            stdout.println("appended to " + out.toAbsolutePath());
        }
        return 0;
    }

    private String neural(Dataset dataset, PrintWriter stdout) throws IOException {
        NeuralBench bench = new NeuralBench(algos, epochs, epochFraction, seed);
        String spec = split != null ? split : "random:0.8";
        if (spec.equals("all")) {
            return bench.run(dataset, null, null, "all of " + dataset.name(), stdout);
        }
        Split sp = Splits.parse(spec, data, seed);
        Fold f = sp.folds(dataset).get(0);
        return bench.run(f.train(), f.validation(), f.test(), sp.name() + "/" + f.name() + " train", stdout);
    }

    private Dataset requireData(Dataset d) {
        if (d == null) {
            throw new Main.UserException("this suite needs --data DIR");
        }
        return d;
    }

    private String defaultSplit(boolean allFolds) {
        if (split != null) {
            return split;
        }
        boolean predefined = data != null && Files.exists(data.resolve("u1.base"));
        if (predefined) {
            return allFolds ? "u1..u5" : "u1";
        }
        return allFolds ? "kfold:5" : "random:0.8";
    }

    static List<String> available(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (AlgorithmRegistry.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private String accuracy(Dataset dataset, String kind, List<String> names, String splitSpec) throws IOException {
        Split sp = Splits.parse(splitSpec, data, seed);
        List<Fold> folds = sp.folds(dataset);
        Evaluator evaluator = new Evaluator(Evaluator.Config.DEFAULTS.withTopKAccuracyKs(10, 100));
        List<String> metrics = kind.equals("rating") ? List.of("rmse", "mae")
                : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hit_rate@10", "coverage@10");
        StringBuilder sb = new StringBuilder();
        sb.append("Split `").append(sp.name()).append("`: ").append(folds.get(0).describe());
        if (folds.size() > 1) {
            sb.append(" (and ").append(folds.size() - 1).append(" more folds)");
        }
        sb.append("\n\n| algorithm | folds |");
        for (String m : metrics) {
            sb.append(' ').append(m).append(" |");
        }
        sb.append(" train s (mean) | top-10 users/s | peak heap MB |\n|---|---|");
        sb.append("---|".repeat(metrics.size() + 3)).append('\n');
        for (String name : names) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            List<Double> trainSeconds = new ArrayList<>();
            List<Double> throughput = new ArrayList<>();
            long peak = 0;
            for (Fold f : folds) {
                Trainer<?> trainer = AlgorithmRegistry.create(name, seeded(name));
                NeuralBench.HeapWatch.resetPeaks();
                Model model = Training.fit(trainer, f.train(), f.validation(), sp.name() + "/" + f.name(),
                        ProgressListener.NONE);
                trainSeconds.add(model.provenance().trainingSeconds());
                Evaluator.Result r = evaluator.evaluate(model, f, ProgressListener.NONE);
                for (String m : metrics) {
                    Double v = r.metrics().get(m);
                    if (v != null) {
                        values.computeIfAbsent(m, x -> new ArrayList<>()).add(v);
                    }
                }
                if (model instanceof ItemScorer scorer) {
                    throughput.add(topTenThroughput(scorer, f.train()));
                }
                peak = Math.max(peak, NeuralBench.HeapWatch.peakSum());
            }
            sb.append("| ").append(name).append(" | ").append(folds.size()).append(" |");
            for (String m : metrics) {
                List<Double> v = values.get(m);
                sb.append(' ').append(v == null ? "–" : meanSpread(v, 4)).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.3f | %s | %d |%n", mean(trainSeconds),
                    throughput.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", mean(throughput)), peak >> 20));
        }
        sb.append("\nValues are mean ± sample standard deviation over the folds. Relevance for ranking: test rating ")
                .append(">= 4; candidates: every movie the user did not rate in training.\n");
        return sb.toString();
    }

    private Map<String, String> seeded(String name) {
        Trainer<?> t = AlgorithmRegistry.create(name, Map.of());
        return Params.toMap(t.config()).containsKey("seed") ? Map.of("seed", Long.toString(seed)) : Map.of();
    }

    /** Users per second of {@link Recommender#recommendAll} for every user, best of three. */
    private static double topTenThroughput(ItemScorer scorer, Dataset train) {
        int[] users = new int[train.numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        Recommender rec = new Recommender(scorer, train.interactions());
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            rec.recommendAll(users, 10);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return users.length / best;
    }

    private String speed(Dataset dataset, PrintWriter stdout) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| what | median s | min s | runs | notes |\n|---|---|---|---|---|\n");
        if (dataset != null) {
            Fold u1 = Splits.parse(defaultSplit(false), data, seed).folds(dataset).get(0);
            Dataset train = u1.train();
            timeFit(sb, stdout, "biased-mf", Map.of("factors", "100", "epochs", "20"), train,
                    "BiasedMF k=100, 20 epochs, " + u1.name() + " train (" + train.interactions().size() + " ratings)");
            timeFit(sb, stdout, "svdpp", Map.of(), train, "SVD++ defaults, " + u1.name() + " train");
            timeFit(sb, stdout, "als", Map.of(), train, "ALS defaults, " + u1.name() + " train");
            timeFit(sb, stdout, "ials", Map.of(), train, "iALS defaults, " + u1.name() + " train");
            timeFit(sb, stdout, "ease", Map.of(), train, "EASE defaults, " + u1.name() + " train");
            if (available(List.of("biased-mf")).size() == 1) {
                Model m = Training.fit(AlgorithmRegistry.create("biased-mf", Map.of("factors", "100", "epochs", "20")), train,
                        null, "speed", ProgressListener.NONE);
                int[] users = new int[train.numUsers()];
                for (int u = 0; u < users.length; u++) {
                    users[u] = u;
                }
                Recommender rec = new Recommender((ItemScorer) m, train.interactions());
                double[] t = repeat(repeats * 2, () -> rec.recommendAll(users, 10));
                row(sb, stdout, "top-10 for all " + users.length + " users over all " + train.numItems()
                        + " movies (BiasedMF k=100, rated movies excluded)", t, Parallel.threads() + " threads");
            }
            loadRow(sb, stdout, data, "load " + dataset.name() + " from " + data.getFileName(), repeats);
        }
        if (syntheticRatings > 0 && available(List.of("als")).size() == 1) {
            int users = (int) Math.max(100, Math.round(syntheticRatings * 162_000.0 / 25_000_000));
            int movies = (int) Math.max(100, Math.round(syntheticRatings * 59_000.0 / 25_000_000));
            stdout.println("generating a synthetic dataset of " + syntheticRatings + " ratings ...");
            stdout.flush();
            long g0 = System.nanoTime();
            Dataset big = SyntheticGenerator.generate(SyntheticGenerator.Config.of(users, movies, syntheticRatings, seed)
                    .withHalfStars(true));
            double gen = (System.nanoTime() - g0) / 1e9;
            row(sb, stdout, "generate synthetic " + users + " x " + movies + ", " + syntheticRatings + " ratings",
                    new double[] {gen}, "in memory");
            // One epoch vs two: the difference is the time of one epoch without the set-up.
            double[] one = new double[Math.max(1, repeats / 2)];
            double[] two = new double[one.length];
            for (int r = 0; r < one.length; r++) {
                one[r] = fitSeconds("als", Map.of("factors", "64", "iterations", "1"), big);
                two[r] = fitSeconds("als", Map.of("factors", "64", "iterations", "2"), big);
            }
            double[] epoch = new double[one.length];
            for (int r = 0; r < one.length; r++) {
                epoch[r] = two[r] - one[r];
            }
            row(sb, stdout, "ALS k=64: one epoch (both half-steps) on the synthetic " + syntheticRatings + " ratings",
                    epoch, "fit(2 epochs) - fit(1 epoch); fit(1 epoch) incl. set-up: " + fmt(median(one)) + " s");
            Path dir = Files.createTempDirectory("movierec-bench-");
            try {
                MovieLensWriter.write(big, MovieLensWriter.Format.CSV, dir);
                big = null; // let the load below be measured without the generated copy in the heap
                loadRow(sb, stdout, dir, "load the synthetic " + syntheticRatings + " ratings from CSV",
                        Math.max(1, repeats / 2));
                // The same rows through the generic reader (string-id table, movies.csv as its items file).
                loadRow(sb, stdout, dir, "load the same " + syntheticRatings + " ratings with the generic "
                        + "interactions reader", Math.max(1, repeats / 2), d -> InteractionsReader.read(
                        d.resolve("ratings.csv"), InteractionsSpec.movieLensCsv(d), ReadOptions.DEFAULTS));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
        sb.append("\nmedian/min over the timed runs after ").append(WARM_UP).append(" untimed warm-up runs; ").append(Parallel.threads())
                .append(" worker threads.\n");
        return sb.toString();
    }

    /**
     * Times {@link DatasetReader#read} of a directory and reports the heap it needed: the peak of the
     * heap pools during the load, and what the dataset keeps once garbage is collected.
     */
    private static void loadRow(StringBuilder sb, PrintWriter stdout, Path dir, String what, int runs)
            throws IOException {
        loadRow(sb, stdout, dir, what, runs, DatasetReader::read);
    }

    /** A dataset reader for {@link #loadRow}. */
    @FunctionalInterface
    interface Loader {
        Dataset read(Path dir) throws IOException;
    }

    private static void loadRow(StringBuilder sb, PrintWriter stdout, Path dir, String what, int runs, Loader loader)
            throws IOException {
        double[] t = new double[runs];
        long peak = 0;
        long retained = 0;
        for (int r = 0; r < runs; r++) {
            NeuralBench.HeapWatch.resetPeaks();
            long before = usedHeap();
            long t0 = System.nanoTime();
            Dataset d = loader.read(dir);
            t[r] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, NeuralBench.HeapWatch.peakSum() - before);
            System.gc();
            retained = usedHeap() - before;
            if (d.interactions().size() < 0) {
                throw new IllegalStateException(); // keeps d reachable until the measurement above
            }
        }
        row(sb, stdout, what, t, String.format(Locale.ROOT, "heap: peak +%d MiB during the load, %d MiB retained",
                peak >> 20, retained >> 20));
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void timeFit(StringBuilder sb, PrintWriter stdout, String algo, Map<String, String> params, Dataset train,
                         String what) {
        if (available(List.of(algo)).isEmpty()) {
            return;
        }
        double[] t = new double[repeats];
        for (int w = 0; w < WARM_UP; w++) {
            fitSeconds(algo, params, train);
        }
        for (int r = 0; r < repeats; r++) {
            t[r] = fitSeconds(algo, params, train);
        }
        row(sb, stdout, what, t, "");
    }

    private double fitSeconds(String algo, Map<String, String> params, Dataset train) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putAll(seeded(algo));
        Trainer<?> trainer = AlgorithmRegistry.create(algo, p);
        long t0 = System.nanoTime();
        trainer.fit(train, null, ProgressListener.NONE);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] repeat(int n, Runnable r) {
        for (int w = 0; w < WARM_UP; w++) {
            r.run();
        }
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            r.run();
            t[k] = (System.nanoTime() - t0) / 1e9;
        }
        return t;
    }

    private static void row(StringBuilder sb, PrintWriter stdout, String what, double[] t, String notes) {
        double min = Arrays.stream(t).min().orElse(Double.NaN);
        String line = String.format(Locale.ROOT, "| %s | %s | %s | %d | %s |%n", what, fmt(median(t)), fmt(min), t.length,
                notes);
        sb.append(line);
        stdout.print("  " + line);
        stdout.flush();
    }

    private static String fmt(double s) {
        return s < 1 ? String.format(Locale.ROOT, "%.4f", s) : String.format(Locale.ROOT, "%.2f", s);
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.isEmpty() ? Double.NaN : s / v.size();
    }

    static String meanSpread(List<Double> v, int digits) {
        double m = mean(v);
        if (v.size() < 2) {
            return String.format(Locale.ROOT, "%." + digits + "f", m);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", m, Math.sqrt(ss / (v.size() - 1)));
    }

    private String header(String suite, Dataset dataset) {
        String cmd = "./movierec " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return String.format(Locale.ROOT, "%n## %s suite%s — %s%n%nMachine: %s%n%nCommand: `%s`%n%n", suite,
                dataset == null ? "" : " on " + dataset.name(),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                machine(), cmd);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the generic name
        }
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, %s %s, Java %s, max heap %d MiB", cpu,
                Runtime.getRuntime().availableProcessors(), mem / 1073741824.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private void append(String text) throws IOException {
        if (!Files.exists(out)) {
            Files.writeString(out, "# movierec benchmarks\n\nEvery row below was appended by `movierec bench`; "
                    + "the command, machine and date head each section.\n", StandardCharsets.UTF_8);
        }
        Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}

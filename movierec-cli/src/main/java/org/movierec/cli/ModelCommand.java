package org.movierec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.eval.report.MetricDirection;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.SimilarItems;
import org.movierec.model.TrainingHistory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec model ...}: inspect model files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect model files written by 'train'.",
        subcommands = {ModelCommand.Info.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Output formats. */
    enum Format { table, json }

    /**
     * {@code movierec model info FILE}: the file's size and format version, what the model can do,
     * its provenance (algorithm, dataset and fingerprint, split, seed, when and how long it trained,
     * movierec version), a neural model's weight tables, its hyperparameters, validation metrics and training
     * history.
     */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show a model file's provenance, hyperparameters, training history, size, format version "
                    + "and capabilities.")
    public static final class Info implements Callable<Integer> {
        /** Epochs shown in the table before it shortens the history (JSON lists every one). */
        static final int MAX_EPOCH_LINES = 20;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Model file written by 'train'.")
        Path file;

        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
                description = "Output format (default ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            Details d = Details.of(file);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.json ? json(d) + "\n" : table(d));
            out.flush();
            return 0;
        }
    }

    /**
     * What {@code model info} shows.
     *
     * @param capabilities what the loaded model can do, in order: recommend, rating prediction, fold-in,
     *                     similar (null when the algorithm is not on the class path)
     * @param train        the training data stored in the file (null when not loaded)
     */
    record Details(Path file, long sizeBytes, ModelIO.Header header, Map<String, Boolean> capabilities,
                   Set<AlgorithmProvider.Capability> declared, Dataset train, String storedFingerprint,
                   List<String> weights) {
        static Details of(Path file) throws java.io.IOException {
            ModelIO.Header h = ModelIO.readHeader(file);
            long size = Files.size(file);
            AlgorithmProvider p = AlgorithmRegistry.find(h.type());
            if (p == null) {
                return new Details(file, size, h, null, null, null, null, null);
            }
            ModelIO.Saved saved = ModelIO.load(file);
            Model m = saved.model();
            Map<String, Boolean> caps = new LinkedHashMap<>();
            caps.put("recommend", m instanceof ItemScorer || m instanceof RatingPredictor);
            caps.put("ratingPrediction", m instanceof RatingPredictor);
            caps.put("foldIn", m instanceof FoldIn);
            caps.put("similar", m instanceof SimilarItems);
            return new Details(file, size, h, caps, p.capabilities(), saved.train(), saved.datasetFingerprint(),
                    weights(m));
        }

        /** A neural model's weight tables as "name RxC" (a dcn's shows whether credits were used), else null. */
        private static List<String> weights(Model m) {
            if (!(m instanceof org.movierec.neural.NeuralModel<?> nm)) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (org.movierec.neural.engine.Param q : nm.network().params()) {
                out.add(q.name() + " " + q.rows() + "x" + q.cols());
            }
            return out;
        }
    }

    private static final Map<String, String> CAPABILITY_WORDS = Map.of("recommend", "recommend (top-N lists)",
            "ratingPrediction", "rating prediction", "foldIn", "fold-in (new users from ratings, recommend --rate)",
            "similar", "similar movies");

    static String table(Details d) {
        Provenance p = d.header().provenance();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"file", d.file().toString()});
        rows.add(new String[] {"size", String.format(Locale.ROOT, "%,d bytes (%.1f MiB)", d.sizeBytes(),
                d.sizeBytes() / 1048576.0)});
        rows.add(new String[] {"format version", d.header().formatVersion() + " (this movierec reads 1.."
                + ModelIO.NAMED_IDS_VERSION + ")"});
        rows.add(new String[] {"algorithm", p.algorithm()});
        if (d.capabilities() == null) {
            rows.add(new String[] {"can", "unknown: algorithm '" + d.header().type() + "' is not on the class path"});
        } else {
            List<String> can = new ArrayList<>();
            List<String> cannot = new ArrayList<>();
            d.capabilities().forEach((k, v) -> (v ? can : cannot).add(CAPABILITY_WORDS.get(k)));
            rows.add(new String[] {"can", can.isEmpty() ? "-" : String.join(", ", can)});
            rows.add(new String[] {"cannot", cannot.isEmpty() ? "-" : String.join(", ", cannot)});
        }
        rows.add(new String[] {"dataset", p.dataset()});
        rows.add(new String[] {"dataset fingerprint", fingerprint(d)});
        if (d.train() != null) {
            rows.add(new String[] {"training data in file", String.format(Locale.ROOT, "%d users, %d movies, %d ratings",
                    d.train().numUsers(), d.train().numItems(), d.train().interactions().size())});
        }
        rows.add(new String[] {"split", p.split()});
        rows.add(new String[] {"seed", Long.toString(p.seed())});
        rows.add(new String[] {"trained at", p.trainedAt()});
        rows.add(new String[] {"training time", String.format(Locale.ROOT, "%.3f s", p.trainingSeconds())});
        rows.add(new String[] {"movierec version", p.movierecVersion()});
        if (d.weights() != null) {
            rows.add(new String[] {"weights", String.join(", ", d.weights())});
        }
        StringBuilder b = new StringBuilder();
        for (String line : MovieList.align(rows, new boolean[] {false, false})) {
            b.append(line).append('\n');
        }
        b.append("hyperparameters").append(p.hyperparameters().isEmpty() ? " -" : "").append('\n');
        List<String[]> hp = new ArrayList<>();
        new java.util.TreeMap<>(p.hyperparameters()).forEach((k, v) -> hp.add(new String[] {"  " + k, v}));
        if (!hp.isEmpty()) {
            MovieList.align(hp, new boolean[] {false, false}).forEach(l -> b.append(l).append('\n'));
        }
        b.append("validation metrics").append(p.validationMetrics().isEmpty() ? " - (trained on all data or no "
                + "validation part)" : "").append('\n');
        List<String[]> vm = new ArrayList<>();
        new java.util.TreeMap<>(p.validationMetrics()).forEach((k, v) -> vm.add(new String[] {"  " + MetricDirection.label(k), num(v)}));
        if (!vm.isEmpty()) {
            MovieList.align(vm, new boolean[] {false, true}).forEach(l -> b.append(l).append('\n'));
        }
        b.append(history(p.history()));
        if (!p.validationMetrics().isEmpty() || !p.history().isEmpty()) {
            b.append(MetricDirection.LEGEND).append('\n');
        }
        return b.toString();
    }

    private static String fingerprint(Details d) {
        String f = d.header().provenance().datasetFingerprint();
        if (d.storedFingerprint() != null && !d.storedFingerprint().equals(f)) {
            return f + " (training data stored in the file: " + d.storedFingerprint() + ")";
        }
        return f == null || f.isEmpty() ? "-" : f;
    }

    private static String history(TrainingHistory h) {
        if (h.isEmpty()) {
            return "training history - (not iterative, or not recorded)\n";
        }
        List<TrainingHistory.Epoch> epochs = h.epochs();
        Set<String> names = new TreeSet<>();
        epochs.forEach(e -> names.addAll(e.validation().keySet()));
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("  epoch", "train loss"));
        names.forEach(n -> head.add("validation " + MetricDirection.label(n)));
        rows.add(head.toArray(String[]::new));
        int n = epochs.size();
        Set<Integer> shown = new LinkedHashSet<>();
        for (int k = 0; k < n; k++) {
            if (n <= Info.MAX_EPOCH_LINES || k < 5 || k >= n - 10) {
                shown.add(k);
            }
        }
        int prev = -1;
        for (int k : shown) {
            if (k != prev + 1) {
                String[] gap = new String[head.size()];
                java.util.Arrays.fill(gap, "");
                gap[0] = "  …";
                gap[1] = (k - prev - 1) + " more";
                rows.add(gap);
            }
            TrainingHistory.Epoch e = epochs.get(k);
            List<String> r = new ArrayList<>();
            r.add("  " + e.epoch());
            r.add(Double.isNaN(e.trainLoss()) ? "-" : num(e.trainLoss()));
            for (String name : names) {
                Double v = e.validation().get(name);
                r.add(v == null ? "-" : num(v));
            }
            rows.add(r.toArray(String[]::new));
            prev = k;
        }
        boolean[] right = new boolean[head.size()];
        java.util.Arrays.fill(right, true);
        right[0] = false;
        StringBuilder b = new StringBuilder("training history " + n + " epoch" + (n == 1 ? "" : "s")
                + (n > Info.MAX_EPOCH_LINES ? " (first 5 and last 10 shown; --format json lists all)" : "") + "\n");
        MovieList.align(rows, right).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String json(Details d) throws Exception {
        Provenance p = d.header().provenance();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", d.file().toString());
        root.put("sizeBytes", d.sizeBytes());
        root.put("formatVersion", d.header().formatVersion());
        root.put("type", d.header().type());
        root.put("capabilities", d.capabilities());
        root.put("declaredCapabilities", d.declared() == null ? null
                : d.declared().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList());
        root.put("algorithm", p.algorithm());
        root.put("dataset", p.dataset());
        root.put("datasetFingerprint", p.datasetFingerprint());
        if (d.train() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("users", d.train().numUsers());
            t.put("movies", d.train().numItems());
            t.put("ratings", d.train().interactions().size());
            t.put("fingerprint", d.storedFingerprint());
            root.put("trainingData", t);
        }
        root.put("split", p.split());
        root.put("seed", p.seed());
        root.put("trainedAt", p.trainedAt());
        root.put("trainingSeconds", p.trainingSeconds());
        root.put("movierecVersion", p.movierecVersion());
        root.put("weights", d.weights());
        root.put("hyperparameters", new java.util.TreeMap<>(p.hyperparameters()));
        root.put("validationMetrics", new java.util.TreeMap<>(p.validationMetrics()));
        Map<String, Object> dirs = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>(p.validationMetrics().keySet());
        p.history().epochs().forEach(e -> names.addAll(e.validation().keySet()));
        names.forEach(n -> dirs.put(n, MetricDirection.higherIsBetter(n)));
        root.put("higherIsBetter", dirs);
        List<Object> epochs = new ArrayList<>();
        for (TrainingHistory.Epoch e : p.history().epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("trainLoss", Double.isNaN(e.trainLoss()) ? null : e.trainLoss());
            m.put("validation", e.validation());
            epochs.add(m);
        }
        root.put("history", epochs);
        root.put("definitions", MetricDirection.DEFINITIONS);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }
}

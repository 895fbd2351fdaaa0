package org.movierec.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Experiment;
import org.movierec.eval.ExperimentConfig;
import org.movierec.eval.Report;
import org.movierec.eval.report.PerUserCsv;
import org.movierec.eval.report.ReportRenderer;
import org.movierec.split.Fold;
import org.movierec.split.Split;
import org.movierec.split.Splits;
import org.movierec.model.TrainingHistory;
import org.movierec.util.Version;
import org.movierec.report.ExperimentData;
import org.movierec.report.ExperimentReport;
import org.movierec.report.HtmlFile;
import org.movierec.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec evaluate}: trains algorithms on every fold of a split and prints their metrics.
 * Prints each fold's sizes first, then one row per algorithm and fold and the mean ± std per algorithm.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train algorithms on the folds of a split and report rating and ranking metrics.")
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--data", description = "Dataset directory (e.g. an ml-100k folder; or 'dataset' in --config).")
    Path data;

    @Option(names = "--split",
            description = "Split: " + Splits.SPECS + " (default: u1..u5 for MovieLens, random:0.8 for your own interactions file, or 'split' in --config).")
    String split;

    @Option(names = "--algo", split = ",",
            description = "Algorithm name(s), comma separated (list them with 'movierec algorithms'; or in --config).")
    List<String> algorithms;

    @Option(names = "--param", description = "Algorithm parameter, repeatable: algo.key=value, or key=value with one "
            + "algorithm; nested keys dotted, lists bracketed (tower.layers=[64,32]).")
    List<String> params = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment file (YAML or JSON): dataset, split, "
            + "seed, algorithms with their parameters; --data, --split, --seed and --param override it.")
    Path config;

    @Option(names = "--k", defaultValue = "10", description = "Cut-off of the ranking metrics (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--relevance", defaultValue = "4",
            description = "A test rating at least this is relevant (default: ${DEFAULT-VALUE}).")
    float relevance;

    @Option(names = "--topk", defaultValue = "1,5,10,50,100",
            description = "Cut-offs of the factorized top-K accuracy, comma separated, or 'none' (default: ${DEFAULT-VALUE}).")
    String topKs;

    @Option(names = "--no-clip", description = "Do not clip predictions to the rating scale before rating metrics.")
    boolean noClip;

    @Option(names = "--seed", description = "Seed of random splits and trainers (default: 42, or 'seed' in --config).")
    Long seed;

    @Option(names = "--format", defaultValue = "table", description = "Output format: table, json or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to this file (its directory must "
            + "exist). JSON and Markdown then go only there; the table is also printed.")
    Path out;

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC",
            description = "Report only these metrics, comma separated: rmse, mae, mape, mae_norm, mape_norm, and at "
                    + "the cut-off --k: precision, recall, ndcg, map, mrr, hit_rate, coverage, novelty, diversity, arp "
                    + "(e.g. rmse,ndcg,novelty; default: all). Top-K accuracy follows --topk.")
    List<String> metricNames;

    @Option(names = "--per-user", paramLabel = "FILE.csv",
            description = "Also write every per-user metric as CSV: algorithm, fold, user (the dataset's id), one "
                    + "column per metric (rmse, mae, ..., ndcg@K, novelty@K, ...); empty where a user has no value.")
    Path perUser;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write an HTML experiment report (leaderboard, charts, learning curves) to this file.")
    Path htmlReport;

    @Override
    public Integer call() throws Exception {
        // Refused before any work, as train does (issue 11: no directory is created silently).
        if (out != null) {
            Main.requireOutputDirectory("--out", out);
        }
        if (perUser != null) {
            Main.requireOutputDirectory("--per-user", perUser);
        }
        if (htmlReport != null) {
            Main.requireOutputDirectory("--report", htmlReport);
        }
        List<String> formats = new ArrayList<>();
        ReportRenderer renderer = null;
        for (ReportRenderer r : ReportRenderer.all()) {
            formats.add(r.format());
            if (r.format().equals(format)) {
                renderer = r;
            }
        }
        if (renderer == null) {
            throw new Main.UserException("unknown --format '" + format + "'; expected "
                    + String.join(", ", formats.subList(0, formats.size() - 1)) + " or " + formats.get(formats.size() - 1));
        }
        ExperimentConfig cfg = config == null ? null : AlgoParams.load(config);
        Map<String, Map<String, String>> perAlgo = AlgoParams.algorithms(algorithms, params, cfg, "evaluate");
        List<Experiment.AlgorithmSpec> specs = new ArrayList<>();
        perAlgo.forEach((a, p) -> specs.add(new Experiment.AlgorithmSpec(a, p)));
        // Every algorithm's name and parameters are checked before any data is read or model trained: a bad
        // value for the last algorithm must not wait for the first one's training.
        perAlgo.forEach(org.movierec.model.AlgorithmRegistry::create);
        Path data = this.data != null ? this.data : cfg == null ? null : cfg.datasetPath(config);
        if (data == null) {
            throw new Main.UserException("evaluate needs --data DIR (or 'dataset' in --config)");
        }
        String split = this.split != null ? this.split : cfg != null && cfg.split() != null ? cfg.split()
                : readOptions.isInteractions(data) ? "random:0.8" : "u1..u5"; // u1..u5 exist only for ML-100k
        long seed = this.seed != null ? this.seed : cfg != null && cfg.seed() != null ? cfg.seed() : 42L;
        java.util.Set<String> selected = metricNames == null ? null : selectedMetrics(metricNames, k);
        if (perUser != null) {
            Path parent = perUser.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new Main.UserException("--per-user " + perUser + ": directory " + parent + " does not exist");
            }
        }
        Evaluator evaluator = new Evaluator(new Evaluator.Config(k, relevance, !noClip, parseKs(topKs)));
        Experiment experiment = new Experiment(specs, evaluator);
        Split s = Splits.parse(split, data, seed);

        PrintWriter stdout = spec.commandLine().getOut();
        // Human-readable lines go to stdout, except when the JSON document itself goes there.
        PrintWriter info = !format.equals("table") && out == null ? spec.commandLine().getErr() : stdout;
        EpochRecorder epochs = new EpochRecorder(ConsoleProgress.forConsole());
        ProgressListener progress = epochs;
        Dataset dataset = readOptions.read(data);
        checkCutoffs(dataset);
        List<Fold> folds = s.folds(dataset);
        info.println(dataset + ", split " + s.name() + ", seed " + seed + ":");
        for (Fold f : folds) {
            info.println("  " + f.describe());
        }
        info.flush();
        Report report = experiment.run(dataset.name(), s.name(), seed, folds, progress, epochs::row);
        if (selected != null) {
            report = report.select(m -> selected.contains(m) || m.startsWith("topk_accuracy"));
        }
        progress.done();
        String text = renderer.render(report);
        if (format.equals("json") && !epochs.histories().isEmpty()) {
            text = withHistories(text, epochs.histories());
        }
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            if (format.equals("table")) {
                stdout.print(text);
            }
            info.println("wrote " + out);
        } else {
            stdout.print(text);
        }
        if (perUser != null) {
            org.movierec.data.IdIndex ids = dataset.users().ids();
            try (java.io.Writer w = Files.newBufferedWriter(perUser, StandardCharsets.UTF_8)) {
                PerUserCsv.write(report, u -> Integer.toString(ids.externalId(u)), w);
            }
            info.println("wrote " + perUser);
        }
        if (htmlReport != null) {
            ExperimentData results = ExperimentData.of(report).withCurves(epochs.curves());
            HtmlFile.write(htmlReport, ExperimentReport.html(results, "Written by movierec " + Version.current()
                    + " (movierec evaluate --report)."));
            info.println("wrote " + htmlReport);
        }
        stdout.flush();
        info.flush();
        return 0;
    }

    /**
     * Passes progress on and keeps the epoch events of each training run: the experiment trains one
     * (algorithm, fold) at a time and reports its row when done, so the epochs seen since the last row
     * belong to the row being reported.
     */
    static final class EpochRecorder implements ProgressListener {
        private final ProgressListener next;
        private final List<TrainingHistory.Epoch> pending = new ArrayList<>();
        private final List<ExperimentData.Curve> curves = new ArrayList<>();

        EpochRecorder(ProgressListener next) {
            this.next = next;
        }

        @Override
        public void start(String task, long total) {
            next.start(task, total);
        }

        @Override
        public void advance(long steps) {
            next.advance(steps);
        }

        @Override
        public void done() {
            next.done();
        }

        @Override
        public void message(String text) {
            next.message(text);
        }

        @Override
        public boolean cancelled() {
            return next.cancelled();
        }

        @Override
        public void epoch(int epoch, double trainLoss, java.util.Map<String, Double> validation) {
            pending.add(new TrainingHistory.Epoch(epoch, trainLoss, validation));
            next.epoch(epoch, trainLoss, validation);
        }

        void row(Report.Row row) {
            if (!pending.isEmpty()) {
                TrainingHistory h = new TrainingHistory(pending);
                curves.add(new ExperimentData.Curve(row.algorithm() + " on " + row.fold(), h));
                histories.add(new History(row.algorithm(), row.fold(), h));
                pending.clear();
            }
        }

        List<ExperimentData.Curve> curves() {
            return curves;
        }

        List<History> histories() {
            return histories;
        }

        private final List<History> histories = new ArrayList<>();
    }

    /** The epochs of one training run of an (algorithm, fold). */
    record History(String algorithm, String fold, TrainingHistory history) {
    }

    /**
     * The JSON document with a {@code histories} array added, {@code [{algorithm, fold, epochs: [{epoch,
     * train_loss, validation}]}]} (the form {@code report experiment} reads back for its learning curves;
     * a loss or metric an epoch did not report is null). Same indentation as the renderer's.
     */
    static String withHistories(String json, List<History> histories) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
        com.fasterxml.jackson.databind.node.ArrayNode hs = root.putArray("histories");
        for (History h : histories) {
            com.fasterxml.jackson.databind.node.ObjectNode o = hs.addObject();
            o.put("algorithm", h.algorithm());
            o.put("fold", h.fold());
            com.fasterxml.jackson.databind.node.ArrayNode es = o.putArray("epochs");
            for (TrainingHistory.Epoch e : h.history().epochs()) {
                com.fasterxml.jackson.databind.node.ObjectNode eo = es.addObject();
                eo.put("epoch", e.epoch());
                if (Double.isNaN(e.trainLoss())) {
                    eo.putNull("train_loss");
                } else {
                    eo.put("train_loss", e.trainLoss());
                }
                com.fasterxml.jackson.databind.node.ObjectNode v = eo.putObject("validation");
                e.validation().forEach((k, x) -> {
                    if (x == null || Double.isNaN(x)) {
                        v.putNull(k);
                    } else {
                        v.put(k, x);
                    }
                });
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    /** {@code --k} and explicitly given {@code --topk} cut-offs within the dataset's catalogue. */
    private void checkCutoffs(Dataset dataset) {
        String whose = dataset.name() + "'s";
        Cutoffs.check("--k", k, given("--k"), dataset.numItems(), whose);
        if (spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption("--topk")) {
            for (int t : parseKs(topKs)) {
                Cutoffs.check("--topk", t, dataset.numItems(), whose);
            }
        }
    }

    /**
     * The metric labels named by {@code --metrics}: a name without a cut-off gets {@code --k}; a cut-off
     * other than {@code --k} is an error (the evaluator computes ranking metrics at K only).
     */
    static java.util.Set<String> selectedMetrics(List<String> names, int k) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : names) {
            org.movierec.eval.MetricSpec m;
            try {
                m = org.movierec.eval.MetricSpec.parse(n.contains("@") || org.movierec.eval.MetricSpec.RATING.contains(
                        n.trim().toLowerCase(java.util.Locale.ROOT)) ? n : n + "@" + k);
            } catch (IllegalArgumentException e) {
                throw new Main.UserException("--metrics: " + e.getMessage());
            }
            if (m.k() != 0 && m.k() != k) {
                throw new Main.UserException("--metrics " + m.label() + ": ranking metrics are computed at --k " + k
                        + "; write " + m.name() + "@" + k + " or give --k " + m.k());
            }
            out.add(m.label());
        }
        return out;
    }

    static int[] parseKs(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] ks = new int[parts.length];
        for (int j = 0; j < parts.length; j++) {
            try {
                ks[j] = Integer.parseInt(parts[j].trim());
            } catch (NumberFormatException e) {
                throw new Main.UserException("--topk '" + text + "': '" + parts[j].trim()
                        + "' is not a whole number (write e.g. 1,5,10 or none)");
            }
        }
        return ks;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult() == null || spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}

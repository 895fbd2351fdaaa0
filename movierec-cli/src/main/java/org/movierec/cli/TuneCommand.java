package org.movierec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.eval.ExperimentConfig;
import org.movierec.eval.MetricSpec;
import org.movierec.eval.report.MetricDirection;
import org.movierec.eval.Tuner;
import org.movierec.model.ParamArgs;
import org.movierec.split.Fold;
import org.movierec.split.Split;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec tune}: grid or random search over one algorithm's hyperparameters, chosen on
 * validation data only (see {@link Tuner}); prints every candidate and the best one last.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search one algorithm's hyperparameters (grid or random), choosing on validation data "
                + "only: the split's validation part, or a seeded part of each fold's training data; never the test "
                + "part.")
public final class TuneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (or 'dataset' in --config).")
    Path data;

    @Option(names = "--split", paramLabel = "SPEC", description = "Split: " + Splits.SPECS
            + " (or 'split' in --config). Folds with a validation part (temporal-loo) are tuned on it.")
    String split;

    @Option(names = "--algo", paramLabel = "NAME", description = "The algorithm to tune (or one in --config).")
    String algo;

    @Option(names = "--param", paramLabel = "K=V1,V2,...",
            description = "Values to try, repeatable: key=v1,v2,... (one value: fixed). algo.key=... also works; "
                    + "lists are bracketed: layers=[64,32],[128,64].")
    List<String> params = new ArrayList<>();

    @Option(names = "--search", defaultValue = "grid", paramLabel = "grid|random",
            description = "grid (every combination) or random (--trials distinct combinations); default ${DEFAULT-VALUE}.")
    String search;

    @Option(names = "--trials", defaultValue = "10", paramLabel = "N", description = "Candidates of random search (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split, random search, the carved "
            + "validation part and seeded trainers (default 42, or 'seed' in --config).")
    Long seed;

    @Option(names = "--metric", split = ",", paramLabel = "M",
            description = "Metrics (rmse, mae, ndcg@10, recall@10, ...); the first chooses (default rmse, or "
                    + "'metrics' in --config).")
    List<String> metrics;

    @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "Share of each user's training ratings held out for choosing when a fold has no validation "
                    + "part (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment file (YAML or JSON); 'tune' values "
            + "of its algorithm are searched.")
    Path config;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new Main.UserException("unknown --format '" + format + "'; expected table or json");
        }
        Tuner.Search how = switch (search) {
            case "grid" -> Tuner.Search.GRID;
            case "random" -> Tuner.Search.RANDOM;
            default -> throw new Main.UserException("unknown --search '" + search + "'; expected grid or random");
        };
        ExperimentConfig cfg = config == null ? null : AlgoParams.load(config);
        Path dir = data != null ? data : cfg == null ? null : cfg.datasetPath(config);
        if (dir == null) {
            throw new Main.UserException("tune needs --data DIR (or 'dataset' in --config)");
        }
        String splitSpec = split != null ? split : cfg == null ? null : cfg.split();
        if (splitSpec == null) {
            throw new Main.UserException("tune needs --split SPEC (or 'split' in --config)");
        }
        long s = seed != null ? seed : cfg != null && cfg.seed() != null ? cfg.seed() : 42L;
        List<MetricSpec> ms = new ArrayList<>();
        if (metrics != null && !metrics.isEmpty()) {
            for (String m : metrics) {
                ms.add(MetricSpec.parse(m));
            }
        } else if (cfg != null && !cfg.metrics().isEmpty()) {
            ms.addAll(cfg.metricSpecs());
        } else {
            ms.add(MetricSpec.parse("rmse"));
        }

        // The algorithm, its fixed overrides and the values to try.
        String name;
        Map<String, String> fixed = new LinkedHashMap<>();
        Map<String, List<String>> space = new LinkedHashMap<>();
        if (cfg != null && !cfg.algorithms().isEmpty()) {
            if (algo != null) {
                throw new Main.UserException("give the algorithm either in --config or with --algo, not both");
            }
            if (cfg.algorithms().size() != 1) {
                throw new Main.UserException("--config names " + cfg.algorithms().size() + " algorithms; tune takes one");
            }
            ExperimentConfig.AlgorithmConfig a = cfg.algorithms().get(0);
            name = a.name();
            fixed.putAll(a.params());
            a.tune().forEach((k, v) -> {
                fixed.remove(k);
                space.put(k, v);
            });
        } else if (algo == null) {
            throw new Main.UserException("tune needs --algo NAME (or one algorithm in --config)");
        } else {
            name = algo.trim();
        }
        Map<String, String> given = AlgoParams.parse(params, List.of(name)).get(name);
        for (Map.Entry<String, String> e : given.entrySet()) {
            List<String> values = ParamArgs.splitValues(e.getValue());
            space.remove(e.getKey());
            fixed.remove(e.getKey());
            if (values.size() == 1) {
                fixed.put(e.getKey(), values.get(0));
            } else {
                space.put(e.getKey(), values);
            }
        }
        if (space.isEmpty()) {
            throw new Main.UserException("nothing to tune: give at least one --param key=v1,v2,... with two or more "
                    + "values");
        }
        // Every candidate is built (and so checked) before any data is read.
        Tuner tuner = new Tuner(name, fixed, space, new Tuner.Config(how, trials, s, ms, validationFraction),
                p -> AlgorithmRegistry.create(name, p));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = format.equals("json") ? spec.commandLine().getErr() : out;
        Dataset dataset = readOptions.read(dir);
        for (MetricSpec m : ms) {
            Cutoffs.check("--metric " + m.label() + ": the cut-off", m.k(), dataset.numItems(), dataset.name() + "'s");
        }
        Split sp = Splits.parse(splitSpec, dir, s);
        List<Fold> folds = sp.folds(dataset);
        if (!folds.isEmpty()) {
            tuner.checkData(folds.get(0).train()); // before the heading: an error is the only output
        }
        int n = tuner.candidates().size();
        MetricSpec chooser = ms.get(0);
        info.println("tune " + name + " on " + dataset + ", split " + sp.name() + ", seed " + s + ": " + search
                + " search, " + n + " candidate" + (n == 1 ? "" : "s") + " of " + tuner.gridSize() + ", chosen by "
                + chooser + " (" + (chooser.lowerIsBetter() ? "lower" : "higher") + " is better) on validation data "
                + "only:");
        info.flush();
        ProgressListener progress = ConsoleProgress.forConsole();
        Tuner.Result r = tuner.run(folds, progress);
        progress.done();
        for (String v : r.validation()) {
            info.println("  " + v);
        }
        info.flush();
        if (format.equals("json")) {
            out.println(json(r, dataset.name(), sp.name(), s, search));
        } else {
            out.print(table(r, space.keySet(), ms));
            out.println(MetricDirection.LEGEND);
            out.println(bestLine(r));
        }
        out.flush();
        return 0;
    }

    static String bestLine(Tuner.Result r) {
        StringBuilder b = new StringBuilder("best: " + r.algorithm());
        r.best().params().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        b.append(String.format(Locale.ROOT, " (validation %s %.4f)", r.metric(), r.best().mean().get(r.metric().label())));
        return b.toString();
    }

    static String table(Tuner.Result r, Iterable<String> keys, List<MetricSpec> ms) {
        List<String> head = new ArrayList<>();
        head.add("#");
        keys.forEach(head::add);
        for (MetricSpec m : ms) {
            head.add(m.label() + " " + (m.lowerIsBetter() ? MetricDirection.LOWER : MetricDirection.HIGHER));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Tuner.Trial t : r.trials()) {
            List<String> row = new ArrayList<>();
            row.add((t == r.best() ? "*" : "") + t.index());
            keys.forEach(k -> row.add(t.params().get(k)));
            for (MetricSpec m : ms) {
                double sd = t.std().get(m.label());
                row.add(String.format(Locale.ROOT, "%.4f", t.mean().get(m.label()))
                        + (sd > 0 ? String.format(Locale.ROOT, " ± %.4f", sd) : ""));
            }
            rows.add(row);
        }
        int[] w = new int[head.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = head.get(c).length();
            for (List<String> row : rows) {
                w[c] = Math.max(w[c], row.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : prepend(head, rows)) {
            for (int c = 0; c < w.length; c++) {
                b.append(c == 0 ? "" : "  ").append(row.get(c));
                if (c < w.length - 1) {
                    b.append(" ".repeat(w[c] - row.get(c).length()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static List<List<String>> prepend(List<String> head, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }

    static String json(Tuner.Result r, String dataset, String split, long seed, String search) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("algorithm", r.algorithm());
        root.put("dataset", dataset);
        root.put("split", split);
        root.put("seed", seed);
        root.put("search", search);
        root.put("metric", r.metric().label());
        root.put("lowerIsBetter", r.metric().lowerIsBetter());
        root.put("higherIsBetter", !r.metric().lowerIsBetter());
        root.put("definitions", MetricDirection.DEFINITIONS);
        root.put("chosenOn", r.validation());
        List<Object> trials = new ArrayList<>();
        for (Tuner.Trial t : r.trials()) {
            trials.add(trial(t));
        }
        root.put("trials", trials);
        root.put("best", trial(r.best()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Map<String, Object> trial(Tuner.Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", t.index());
        m.put("params", t.params());
        m.put("validation", t.mean());
        m.put("std", t.std());
        return m;
    }
}

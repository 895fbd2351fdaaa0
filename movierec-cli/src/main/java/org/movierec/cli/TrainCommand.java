package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.eval.ExperimentConfig;
import org.movierec.data.io.MovieLens100kReader;
import org.movierec.split.Fold;
import org.movierec.split.PredefinedSplit;
import org.movierec.split.Split;
import org.movierec.split.Splits;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.rec.CandidateIndex;
import org.movierec.rec.IndexFile;
import org.movierec.model.Params;
import org.movierec.model.Provenance;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec train}: reads a dataset, fits one algorithm and saves the model (with the
 * training data it needs for recommending) through {@link ModelIO}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model on a dataset and save it to a model file.")
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (MovieLens format; or 'dataset' in --config).")
    Path data;

    @Option(names = "--algo", paramLabel = "NAME", description = "Algorithm name (list them with 'movierec algorithms'; or one in --config).")
    String algo;

    @Option(names = "--param", paramLabel = "K=V", description = "Hyperparameter override, repeatable: key=value or "
            + "algo.key=value; nested keys dotted, lists bracketed (tower.layers=[64,32]).")
    List<String> params = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment file (YAML or JSON) giving the dataset, "
            + "split, seed and the algorithm with its parameters; --data, --split, --seed and --param override it.")
    Path config;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed, passed as seed=S to algorithms that have one.")
    Long seed;

    @Option(names = "--split", paramLabel = "SPEC|all",
            description = "Training data: 'all' (default) or a one-fold split (u1..u5, ua, ub, random:0.8, "
                    + "temporal-loo, temporal:0.8, ...): trains on its training part and records RMSE/MAE on the "
                    + "held-out part in the model's provenance.")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (atomically).")
    Path out;

    @Option(names = "--index", defaultValue = "auto", paramLabel = "auto|hnsw|exact",
            description = "Approximate candidate index to build now and store beside the model (FILE.index) for "
                    + "'recommend --all --index hnsw|auto': auto (default) from -Dmovierec.ann.threshold=100000 movies, "
                    + "hnsw always, exact never (als models; others store none).")
    String index;

    /** The training data chosen by {@code --split}, with the held-out part when there is one. */
    record Parts(Dataset train, Dataset validation, String label) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.isDirectory(out)) {
            throw new Main.UserException("--out " + out + " is a directory; give the model file's name");
        }
        Main.requireOutputDirectory("--out", out);
        CandidateIndex.Choice indexChoice = CandidateIndex.Choice.parse(index);
        ExperimentConfig cfg = config == null ? null : AlgoParams.load(config);
        Map<String, Map<String, String>> algos = AlgoParams.algorithms(algo == null ? null : List.of(algo), params,
                cfg, "train");
        if (algos.size() != 1) {
            throw new Main.UserException("--config names " + algos.size() + " algorithms; train fits one");
        }
        String algo = algos.keySet().iterator().next();
        if (indexChoice == CandidateIndex.Choice.HNSW && AlgorithmRegistry.contains(algo)
                && !AlgorithmRegistry.get(algo).capabilities().contains(AlgorithmProvider.Capability.INNER_PRODUCT)) {
            throw new Main.UserException("--index hnsw needs a model whose scores are inner products of factors, "
                    + "which '" + algo + "' does not make (" + innerProductAlgorithms() + " do); use --index auto "
                    + "or exact");
        }
        Map<String, String> overrides = algos.get(algo);
        Path data = this.data != null ? this.data : cfg == null ? null : cfg.datasetPath(config);
        if (data == null) {
            throw new Main.UserException("train needs --data DIR (or 'dataset' in --config)");
        }
        String split = this.split != null ? this.split : cfg != null && cfg.split() != null ? cfg.split() : "all";
        Long seed = this.seed != null ? this.seed : cfg == null ? null : cfg.seed();
        // Build the trainer before reading data so that a bad name or parameter fails at once.
        Trainer<?> trainer = AlgorithmRegistry.create(algo, overrides);
        if (seed != null) {
            if (Params.toMap(trainer.config()).containsKey("seed")) {
                String given = overrides.get("seed");
                if (given != null && !given.equals(seed.toString())) {
                    throw new Main.UserException("--seed " + seed + " conflicts with --param seed=" + given);
                }
                overrides.put("seed", seed.toString());
                trainer = AlgorithmRegistry.create(algo, overrides);
            } else {
                err.println("note: algorithm '" + algo + "' has no seed (it is deterministic); --seed " + seed
                        + " is ignored");
                err.flush();
            }
        }
        Parts parts = parts(readOptions, data, split, seed == null ? 42 : seed);
        Model model = Training.fit(trainer, parts.train(), parts.validation(), parts.label(),
                ConsoleProgress.forConsole());
        ModelIO.save(model, parts.train(), out);
        printSummary(o, model.provenance(), parts.train());
        o.println("saved: " + out + " (" + Files.size(out) + " bytes)");
        storeIndex(o, model, parts.train().numItems(), indexChoice);
        return 0;
    }

    /** The registered algorithms whose models an approximate index can search, comma-separated. */
    static String innerProductAlgorithms() {
        return AlgorithmRegistry.names().stream().filter(n -> AlgorithmRegistry.get(n).capabilities()
                .contains(AlgorithmProvider.Capability.INNER_PRODUCT)).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Builds the approximate index {@code choice} asks for over the model's items and writes it
     * beside the model file; otherwise removes an index file left there by an earlier model (it
     * would no longer fit).
     */
    private void storeIndex(PrintWriter o, Model model, int numItems, CandidateIndex.Choice choice) throws IOException {
        Path file = IndexFile.beside(out);
        FactorAccess f = FactorAccess.of(model);
        if (f == null || CandidateIndex.approximate(choice, numItems) == null) {
            Files.deleteIfExists(file);
            return;
        }
        long t0 = System.nanoTime();
        RecommendAll.Chosen c = RecommendAll.index(f, numItems, choice, null, null);
        IndexFile.write(file, c.index(), c.vectors());
        o.printf(Locale.ROOT, "index: %s over %d movies, built in %.2f s: %s (%d bytes)%n", c.index().kind(),
                numItems, (System.nanoTime() - t0) / 1e9, file, Files.size(file));
    }

    /**
     * Resolves {@code --split}: everything, or the single fold of a split spec ({@link Splits#parse}).
     * The model trains on the fold's training part; its validation part (temporal leave-one-out), or
     * else its test part, is the held-out data whose RMSE/MAE the provenance records.
     */
    static Parts parts(ReadMixin reader, Path dir, String spec, long seed) throws IOException {
        if (spec.equals("all")) {
            return new Parts(reader.read(dir), null, "all");
        }
        Split split = Splits.parse(spec, dir, seed);
        // ML-100k's own folds are whole files over the dataset's users and movies: u.data itself
        // (as many ratings again) is not needed to train on one of them.
        Dataset full = split instanceof PredefinedSplit ? reader.withCredits(MovieLens100kReader.readCatalogue(dir))
                : reader.read(dir);
        List<Fold> folds = split.folds(full);
        if (folds.size() != 1) {
            throw new IllegalArgumentException("--split '" + spec + "' has " + folds.size() + " folds; train fits "
                    + "one model: give one fold (e.g. u1, random:0.8, temporal-loo) or use 'evaluate'");
        }
        Fold f = folds.get(0);
        return new Parts(f.train(), f.validation() != null ? f.validation() : f.test(), split.name());
    }

    static void printSummary(PrintWriter o, Provenance p, Dataset train) {
        o.println("trained " + p.algorithm() + " on " + train);
        o.println("  split:               " + p.split());
        o.println("  params:              " + (p.hyperparameters().isEmpty() ? "(none)" : format(p.hyperparameters())));
        o.println("  seed:                " + p.seed());
        o.println("  dataset fingerprint: " + p.datasetFingerprint());
        o.println("  movierec version:    " + p.movierecVersion());
        o.printf(Locale.ROOT, "  training time:       %.3f s%n", p.trainingSeconds());
        if (!p.validationMetrics().isEmpty()) {
            StringBuilder b = new StringBuilder();
            p.validationMetrics().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=')
                    .append(String.format(Locale.ROOT, "%.4f", v)));
            o.println("  validation:          " + b);
        }
    }

    private static String format(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}

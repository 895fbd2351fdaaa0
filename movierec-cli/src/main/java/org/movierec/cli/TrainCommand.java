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
import org.movierec.algo.Algorithms;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.MovieLens100kReader;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
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

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory (MovieLens format).")
    Path data;

    @Option(names = "--algo", required = true, paramLabel = "NAME", description = "Algorithm name (list them with 'movierec algorithms').")
    String algo;

    @Option(names = "--param", paramLabel = "K=V", description = "Hyperparameter override, repeatable (e.g. --param regUser=10).")
    List<String> params = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", description = "Random seed, passed as seed=S to algorithms that have one.")
    Long seed;

    @Option(names = "--split", defaultValue = "all", paramLabel = "SPEC|all",
            description = "Training data: 'all' (default) or a predefined ML-100k split u1..u5, ua, ub "
                    + "(trains on its .base file and reports validation RMSE/MAE on its .test file).")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (atomically).")
    Path out;

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
        Map<String, String> overrides = Params.parsePairs(params);
        // Build the trainer before reading data so that a bad name or parameter fails at once.
        Trainer<?> trainer = Algorithms.create(algo, overrides);
        if (seed != null) {
            if (Params.toMap(trainer.config()).containsKey("seed")) {
                String given = overrides.get("seed");
                if (given != null && !given.equals(seed.toString())) {
                    throw new Main.UserException("--seed " + seed + " conflicts with --param seed=" + given);
                }
                overrides.put("seed", seed.toString());
                trainer = Algorithms.create(algo, overrides);
            } else {
                err.println("note: algorithm '" + algo + "' has no seed (it is deterministic); --seed " + seed
                        + " is ignored");
                err.flush();
            }
        }
        Parts parts = parts(DatasetReader.read(data), data, split);
        Model model = Training.fit(trainer, parts.train(), parts.validation(), parts.label(),
                ConsoleProgress.forConsole());
        ModelIO.save(model, parts.train(), out);
        printSummary(o, model.provenance(), parts.train());
        o.println("saved: " + out + " (" + Files.size(out) + " bytes)");
        return 0;
    }

    /** Resolves {@code --split}: everything, or a predefined ML-100k base/test pair. */
    static Parts parts(Dataset full, Path dir, String spec) throws IOException {
        if (spec.equals("all")) {
            return new Parts(full, null, "all");
        }
        if (spec.matches("u[1-5]|ua|ub")) {
            Path base = dir.resolve(spec + ".base");
            Path test = dir.resolve(spec + ".test");
            for (Path f : new Path[] {base, test}) {
                if (!Files.isRegularFile(f)) {
                    throw new DataFormatException(f, 0, "no such file (split " + spec + " needs "
                            + base.getFileName() + " and " + test.getFileName() + ")");
                }
            }
            var users = full.users().ids();
            var movies = full.movies().ids();
            Dataset train = full.withInteractions(full.name() + ":" + spec + ".base",
                    MovieLens100kReader.readRatings(base, users, movies));
            Dataset validation = full.withInteractions(full.name() + ":" + spec + ".test",
                    MovieLens100kReader.readRatings(test, users, movies));
            return new Parts(train, validation, spec);
        }
        throw new IllegalArgumentException("--split '" + spec + "' is not supported by train: use 'all' or a "
                + "predefined ML-100k split (u1..u5, ua, ub); random and k-fold splits belong to 'evaluate'");
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

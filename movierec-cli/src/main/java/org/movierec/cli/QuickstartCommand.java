package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.fetch.Downloader;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Experiment;
import org.movierec.eval.Report;
import org.movierec.eval.report.TableRenderer;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Training;
import org.movierec.rec.Recommender;
import org.movierec.split.Fold;
import org.movierec.split.Split;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec quickstart}: the main job in one command. Gets ML-100k (a local copy, or a download;
 * offline it says so and uses a synthetic dataset of the same shape), evaluates the best models beside
 * the baselines on one fold, trains the best ranking model on everything and shows ten
 * recommendations with titles for one user.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Get ML-100k, evaluate the best models beside the baselines, and recommend for one user.")
public final class QuickstartCommand implements Callable<Integer> {
    /** Baselines shown first, then the best rating model and the best ranking model available. */
    static final List<String> BASELINES = List.of("global-mean", "bias", "popularity");
    static final List<String> BEST_RATING = List.of("fm", "svdpp", "biased-mf");
    static final List<String> BEST_RANKING = List.of("ease", "ials", "item-knn");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--data", paramLabel = "DIR|FILE",
            description = "A local MovieLens directory to use instead of downloading, or your own interactions "
                    + "file (with --columns ...).")
    Path data;

    @Option(names = "--dir", defaultValue = "data",
            description = "Where datasets are downloaded to (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--mirror", description = "Download from this base URL instead of GroupLens.")
    String mirror;

    @Option(names = "--offline", description = "Do not try to download; use --data, a copy under --dir, or synthetic data.")
    boolean offline;

    @Option(names = "--user", description = "Id of the user to recommend for, as the data writes it (default: the "
            + "first user).")
    String user;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the trainers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serve", description = "At the end, serve the trained model (web page and API) until Ctrl-C.")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of --serve (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            throw new Main.UserException("--port must be 0..65535, got " + port);
        }
        readOptions.checkTmdb();
        long t0 = System.nanoTime();
        Dataset dataset = obtainData(out, err);
        // Arguments are checked before any work: an unknown --user fails here, not after the evaluation.
        int u = pickUser(dataset);
        out.println("Dataset: " + dataset);
        out.flush();

        boolean predefined = Files.exists(sourceDir == null ? Path.of("-") : sourceDir.resolve("u1.base"));
        String splitSpec = predefined ? "u1" : "random:0.8";
        Split split = Splits.parse(splitSpec, sourceDir, seed);
        List<Fold> folds = split.folds(dataset);
        out.println("Split " + folds.get(0).describe());

        List<String> algos = new ArrayList<>(BASELINES);
        // Implicit feedback (your own clicks or purchases): no rating models, the ranking ones only.
        String bestRating = dataset.isImplicit() ? null : firstAvailable(BEST_RATING);
        if (dataset.isImplicit()) {
            algos.removeIf(a -> AlgorithmRegistry.get(a).capabilities().contains(
                    org.movierec.model.AlgorithmProvider.Capability.NEEDS_RATINGS));
        }
        String bestRanking = firstAvailable(BEST_RANKING);
        for (String a : new String[] {bestRating, bestRanking}) {
            if (a != null && !algos.contains(a)) {
                algos.add(a);
            }
        }
        List<Experiment.AlgorithmSpec> specs = new ArrayList<>();
        for (String a : algos) {
            specs.add(Experiment.AlgorithmSpec.of(a));
        }
        out.println("Evaluating " + String.join(", ", algos) + (dataset.isImplicit()
                ? " (ranking metrics at 10, relevant = every test interaction, candidates = unseen items)..."
                : " (rating metrics for rating models; ranking metrics at 10, relevant = test rating >= 4, "
                        + "candidates = unseen movies)..."));
        out.flush();
        ProgressListener progress = ConsoleProgress.forConsole();
        Evaluator evaluator = new Evaluator(Evaluator.Config.DEFAULTS.withTopKAccuracyKs(10, 100));
        Report report = new Experiment(specs, evaluator).run(dataset.name(), split.name(), seed, folds, progress, null);
        progress.done();
        out.print(new TableRenderer().render(report));
        out.flush();

        String recAlgo = bestRanking != null ? bestRanking : "popularity";
        Model model = Training.fit(AlgorithmRegistry.create(recAlgo, java.util.Map.of()), dataset, null, "all", progress);
        progress.done();
        showRecommendations(out, dataset, (ItemScorer) model, u, recAlgo);
        // The model and (for synthetic data) the dataset as files, so that the server can start from them.
        Files.createDirectories(dir);
        Path dataDir = sourceDir;
        if (dataDir == null) {
            dataDir = dir.resolve("synthetic-ml-100k");
            org.movierec.data.io.MovieLensWriter.write(dataset, org.movierec.data.io.MovieLensWriter.Format.ML_100K,
                    dataDir);
        }
        Path modelFile = dir.resolve("quickstart-" + recAlgo + ".bin");
        ModelIO.save(model, dataset, modelFile);
        List<String> readArgs = data != null ? readOptions.asArgs() : List.of();
        String read = readArgs.isEmpty() ? "" : " " + shellJoin(readArgs);
        String serveCmd = "./movierec serve --model " + modelFile + " --data " + dataDir + read;
        String evaluateCmd = predefined ? "./movierec evaluate --data " + dataDir + " --split u1..u5"
                : "./movierec evaluate --data " + dataDir + read + " --split random:0.8";
        out.printf(Locale.ROOT, "%nDone in %.1f s. Next: %s --algo %s%n", (System.nanoTime() - t0) / 1e9,
                evaluateCmd, String.join(",", algos));
        out.println(dataset.isImplicit() ? "('movierec algorithms' lists the others; bpr and ials also learn from "
                + "implicit feedback)" : "('movierec algorithms' lists the others; the 'blend' of bias and two FMs is "
                + "a little more accurate still, at about 30 s per fold)");
        out.printf(Locale.ROOT, "The %s model is saved in %s. Serve it (web page where new users rate movies and get "
                + "recommendations, JSON API):%n  %s%nthen open http://127.0.0.1:8080/ (or: ./movierec quickstart "
                + "--serve).%n", recAlgo, modelFile, serveCmd);
        out.flush();
        if (serve) {
            out.println();
            out.flush();
            CommandLine serveLine = Main.commandLine("serve");
            serveLine.setOut(out);
            serveLine.setErr(err);
            List<String> args = new ArrayList<>(List.of("serve", "--model", modelFile.toString(), "--data",
                    dataDir.toString(), "--port", Integer.toString(port)));
            args.addAll(readArgs);
            return serveLine.execute(args.toArray(String[]::new));
        }
        return 0;
    }

    private Path sourceDir;

    private Dataset obtainData(PrintWriter out, PrintWriter err) throws IOException {
        if (data != null) {
            sourceDir = data;
            return readOptions.read(data);
        }
        Path local = dir.resolve("ml-100k");
        if (Files.exists(local.resolve("u.data"))) {
            out.println("Using " + local + " (already downloaded).");
            sourceDir = local;
            return readOptions.withCredits(DatasetReader.read(local));
        }
        if (!offline) {
            try {
                Downloader.Builder b = Downloader.builder().connectTimeout(Duration.ofSeconds(10)).maxAttempts(2);
                if (mirror != null) {
                    b.mirror(mirror);
                } else {
                    b.mirrorFromEnvironment(System.getenv());
                }
                out.println("Downloading ML-100k into " + dir + " ...");
                out.flush();
                Downloader.Result r = b.build().fetch("ml-100k", dir, false, ConsoleProgress.forConsole());
                sourceDir = r.directory();
                return readOptions.withCredits(DatasetReader.read(r.directory()));
            } catch (IOException e) {
                err.println("Offline: could not download ML-100k (" + e.getMessage() + ").");
            }
        }
        out.println("No MovieLens data available: using a synthetic dataset shaped like ML-100k "
                + "(943 users, 1682 movies, 100,000 ratings, planted structure). "
                + "Give --data DIR for a local copy of ML-100k.");
        sourceDir = null;
        return SyntheticGenerator.generate(SyntheticGenerator.Config.of(943, 1682, 100_000, seed));
    }

    private int pickUser(Dataset d) {
        if (user == null) {
            Interactions in = d.interactions();
            for (int u = 0; u < d.numUsers(); u++) {
                if (in.userCount(u) > 0) {
                    return u;
                }
            }
            throw new Main.UserException("the dataset has no ratings");
        }
        int u = d.users().ids().indexOfName(user);
        if (u < 0) {
            throw new Main.UserException("--user " + user + " is not a user of " + d.name() + " (" + d.numUsers()
                    + " users)");
        }
        return u;
    }

    /** Arguments joined for a shell: quoted when they hold anything but plain characters. */
    static String shellJoin(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(a.matches("[A-Za-z0-9_./=,:+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    private static String firstAvailable(List<String> names) {
        for (String n : names) {
            if (AlgorithmRegistry.contains(n)) {
                return n;
            }
        }
        return null;
    }

    private static void showRecommendations(PrintWriter out, Dataset d, ItemScorer model, int u, String algo) {
        Movies movies = d.movies();
        Interactions in = d.interactions();
        out.printf(Locale.ROOT, d.isImplicit() ? "%nUser %s has %d items; the heaviest or latest:%n"
                : "%nUser %s rated %d movies; their favourites:%n", d.users().ids().name(u), in.userCount(u));
        // Up to five of the user's highest ratings, most recent first among ties.
        List<Integer> positions = new ArrayList<>();
        for (int p = in.userEnd(u) - 1; p >= in.userStart(u); p--) {
            positions.add(p);
        }
        positions.sort((a, b) -> Float.compare(in.rating(b), in.rating(a)));
        for (int k = 0; k < Math.min(5, positions.size()); k++) {
            int p = positions.get(k);
            if (d.isImplicit()) {
                out.printf(Locale.ROOT, "  %s%n", movies.title(in.item(p)));
            } else {
                out.printf(Locale.ROOT, "  %.1f  %s%n", in.rating(p), movies.title(in.item(p)));
            }
        }
        Recommender.Ranked top = new Recommender(model, in).recommend(u, 10);
        out.printf(Locale.ROOT, "Top 10 recommendations by %s (trained on all ratings, rated movies excluded):%n", algo);
        for (int r = 0; r < top.size(); r++) {
            int i = top.items()[r];
            String title = movies.title(i);
            if (title.length() > 55) {
                title = title.substring(0, 54) + "…";
            }
            out.printf(Locale.ROOT, "  %2d. %-55s %s%n", r + 1, title, String.join("|", movies.genreNames(i)));
        }
    }
}

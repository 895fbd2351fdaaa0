package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.RatingScale;
import org.movierec.model.FoldIn;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec recommend}: the top movies for a user of the model's training data (excluding
 * what they rated), or for a new user described by a few ratings ({@code --rate}) when the model
 * supports {@link FoldIn}.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Recommend movies for a user in the model, or for a new user from a few ratings (--rate).")
public final class RecommendCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--user", paramLabel = "ID", description = "User id as in the dataset's files (string ids "
            + "of your own data as written there).")
    String user;

    @Option(names = "--rate", split = ",", paramLabel = "MOVIE=RATING",
            description = "Ratings of a new user (comma separated), for models that support fold-in.")
    List<String> rate = new ArrayList<>();

    @Option(names = {"-n", "--count"}, defaultValue = "10", paramLabel = "N", description = "How many movies (default 10).")
    int count;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "Output format (default table).")
    MovieList.Format format;

    @Option(names = "--all", description = "Top N for every user of the model, written to --out as CSV "
            + "(userId,rank,movieId,score), or as Parquet with the same columns when FILE ends in .parquet.")
    boolean all;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file of --all: CSV, or Parquet "
            + "when it ends in .parquet.")
    Path out;

    @Option(names = "--compression", paramLabel = "CODEC", description = "Compression of a Parquet --out: snappy "
            + "(default), zstd, gzip, lz4 or none.")
    String compression;

    @Option(names = "--index", defaultValue = "exact", paramLabel = "exact|hnsw|auto",
            description = "Candidate search for --all: exact brute force (default), hnsw (approximate, als models), "
                    + "or auto (hnsw from -Dmovierec.ann.threshold=100000 movies). An index that 'train --index' "
                    + "stored beside the model (MODEL.index) is read instead of built.")
    String index;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + count);
        }
        if (compression != null && !all) {
            throw new Main.UserException("--compression applies to --all with a Parquet --out");
        }
        if (all) {
            if (user != null || !rate.isEmpty() || out == null) {
                throw new Main.UserException("--all needs --out FILE and takes neither --user nor --rate");
            }
            OutputCompression codec = OutputCompression.DEFAULT;
            if (compression != null) {
                if (!RecommendAll.parquet(out)) {
                    throw new Main.UserException("--compression applies to a Parquet --out (FILE.parquet), not "
                            + out.getFileName());
                }
                codec = OutputCompression.parse("--compression", compression);
            }
            Main.requireOutputDirectory("--out", out);
            long t0 = System.nanoTime();
            ModelIO.Saved saved = ModelIO.load(modelFile);
            double loadS = (System.nanoTime() - t0) / 1e9;
            Cutoffs.check("-n", count, given("-n"), saved.train().numItems(), "the model's");
            RecommendAll.Result r = RecommendAll.run(saved.model(), scorerOf(saved.model(), saved.train().numItems()),
                    saved.train(),
                    count, org.movierec.rec.CandidateIndex.Choice.parse(index), out, codec, modelFile,
                    spec.commandLine().getErr());
            spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "wrote top %d for %d users to %s (index %s; model load %.2f s, recommend and write %.2f s, "
                            + "of which writing %.2f s)%n",
                    r.k(), r.users(), out, r.index(), loadS, r.seconds(), r.writeSeconds());
            return 0;
        }
        if (user != null && !rate.isEmpty()) {
            throw new Main.UserException("give either --user (a user in the model) or --rate (a new user), not both");
        }
        if (user == null && rate.isEmpty()) {
            throw new Main.UserException("give --user ID (a user in the model) or --rate MOVIE=RATING,... (a new user)");
        }
        ModelIO.Saved saved = ModelIO.load(modelFile);
        Model model = saved.model();
        Dataset train = saved.train();
        Cutoffs.check("-n", count, given("-n"), train.numItems(), "the model's");
        int k = Math.min(count, train.numItems());
        int[] items = new int[k];
        float[] scores = new float[k];
        int n;
        Map<String, Object> head = new LinkedHashMap<>();
        String header;
        if (user != null) {
            IdIndex userIds = train.users().ids();
            int u = userIds.indexOfName(user);
            if (u < 0) {
                throw new Main.UserException("user " + user + " is not in the model's training data ("
                        + train.numUsers() + " users); use --rate MOVIE=RATING,... for a new user");
            }
            Recommender rec = recommender(model, train);
            n = rec.rank(u, new float[train.numItems()], new TopK(k), items, scores);
            rec.clipShown(train.ratingScale(), scores, n);
            head.put("user", userIds.hasNames() ? user : (Object) userIds.externalId(u));
            header = "Top " + n + " for user " + user + " (" + describe(model) + ", excluding the "
                    + train.interactions().userCount(u) + " movies they rated)";
        } else {
            Recommender rec = recommender(model, train);
            // a model that cannot place a new user itself: similar training users' lists stand in
            rec = rec.withFallbackFoldIn(org.movierec.rec.NeighbourFoldIn.unlessModelFoldsIn(rec, train.interactions()));
            if (!rec.supportsFoldIn()) {
                throw new Main.UserException("algorithm '" + model.provenance().algorithm() + "' cannot recommend "
                        + "for a new user from ratings (--rate): it does not support fold-in; use --user ID");
            }
            NewUser nu = parseRatings(rate, train);
            n = rec.rankFoldIn(nu.items(), nu.ratings(), new float[train.numItems()], null, null, new TopK(k), items,
                    scores);
            rec.clipShown(train.ratingScale(), scores, n);
            head.put("ratings", nu.asMap(train));
            header = "Top " + n + " for a new user with " + nu.items().length + " ratings (" + describe(model)
                    + ("neighbours".equals(rec.foldInStrategy()) ? "; from the model's lists of the "
                    + org.movierec.rec.NeighbourFoldIn.DEFAULT_NEIGHBOURS + " most similar users" : "") + ")";
        }
        head.put("algorithm", model.provenance().algorithm());
        MovieList.print(spec.commandLine().getOut(), format, header, head, "score", train.movies(), items, scores, n);
        return 0;
    }

    static String describe(Model model) {
        return "model " + model.provenance().algorithm() + ", trained on " + model.provenance().dataset();
    }

    /** The model through core's one recommendation path; a clear error when it cannot rank. */
    static Recommender recommender(Model model, Dataset train) {
        try {
            return Recommender.of(model, train.numItems(), train.interactions());
        } catch (IllegalArgumentException e) {
            throw new Main.UserException(e.getMessage());
        }
    }

    /** The model as an item scorer through core's adapter; a clear error when it cannot rank. */
    static org.movierec.model.ItemScorer scorerOf(Model model, int numItems) {
        try {
            return Recommender.scorer(model, numItems);
        } catch (IllegalArgumentException e) {
            throw new Main.UserException(e.getMessage());
        }
    }

    /** A new user's ratings over dense movie indices. */
    record NewUser(int[] items, float[] ratings) {
        Map<String, Float> asMap(Dataset train) {
            Map<String, Float> m = new LinkedHashMap<>();
            for (int k = 0; k < items.length; k++) {
                m.put(train.movies().ids().name(items[k]), ratings[k]);
            }
            return m;
        }
    }

    /** Parses {@code MOVIE=RATING} pairs against the model's catalogue and rating scale. */
    static NewUser parseRatings(List<String> pairs, Dataset train) {
        IdIndex movies = train.movies().ids();
        RatingScale scale = train.ratingScale();
        int[] items = new int[pairs.size()];
        float[] ratings = new float[pairs.size()];
        boolean[] seen = new boolean[train.numItems()];
        for (int k = 0; k < pairs.size(); k++) {
            String p = pairs.get(k).trim();
            int eq = p.indexOf('=');
            String id;
            float r;
            try {
                if (eq <= 0) {
                    throw new NumberFormatException();
                }
                id = p.substring(0, eq).trim();
                r = Float.parseFloat(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate '" + p + "' is not of the form MOVIE=RATING (e.g. 50=5)");
            }
            int i = movies.indexOfName(id);
            if (i < 0) {
                throw new Main.UserException("--rate: movie " + id + " is not in the model's catalogue");
            }
            if (!scale.isValid(r)) {
                throw new IllegalArgumentException("--rate: rating " + p.substring(eq + 1).trim() + " for movie " + id
                        + " is not on the model's rating scale " + scale.min() + ".." + scale.max() + " (step "
                        + scale.step() + ")");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("--rate: movie " + id + " is rated twice");
            }
            seen[i] = true;
            items[k] = i;
            ratings[k] = r;
        }
        return new NewUser(items, ratings);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult() == null || spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}

package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.SimilarItems;
import org.movierec.rec.TopK;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec similar}: the movies most similar to one movie, for models with item similarities. */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the movies most similar to a movie (models with item similarities).")
public final class SimilarCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--movie", required = true, paramLabel = "ID", description = "Movie (item) id as in the dataset's files.")
    String movie;

    @Option(names = {"-n", "--count"}, defaultValue = "10", paramLabel = "N", description = "How many movies (default 10).")
    int count;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "Output format (default table).")
    MovieList.Format format;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + count);
        }
        ModelIO.Saved saved = ModelIO.load(modelFile);
        Model model = saved.model();
        Dataset train = saved.train();
        if (!(model instanceof SimilarItems sim)) {
            throw new Main.UserException("algorithm '" + model.provenance().algorithm() + "' has no item "
                    + "similarities, so 'similar' cannot use this model; train an algorithm that has them");
        }
        int i = train.movies().ids().indexOfName(movie);
        if (i < 0) {
            throw new Main.UserException("movie " + movie + " is not in the model's catalogue ("
                    + train.numItems() + " movies)");
        }
        // The movie itself is not listed: the others are the catalogue here.
        Cutoffs.check("-n", count, given("-n"), train.numItems() - 1, "the other movies of the model's");
        float[] buf = new float[train.numItems()];
        sim.similarTo(i, buf);
        buf[i] = Float.NEGATIVE_INFINITY;
        int k = Math.min(count, train.numItems());
        int[] items = new int[k];
        float[] scores = new float[k];
        int n = new TopK(k).select(buf, items, scores);
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("movie", train.movies().ids().hasNames() ? movie : (Object) train.movies().ids().externalId(i));
        head.put("title", train.movies().title(i));
        head.put("algorithm", model.provenance().algorithm());
        String header = "Most similar to " + movie + " " + train.movies().title(i) + " ("
                + RecommendCommand.describe(model) + ")";
        MovieList.print(spec.commandLine().getOut(), format, header, head, "similarity", train.movies(), items,
                scores, n);
        return 0;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult() == null || spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}

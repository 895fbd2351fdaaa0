package org.movierec.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.movierec.server.DataSource;
import org.movierec.server.JdbcStore;
import org.movierec.server.MovieServer;
import org.movierec.server.Retrainer;
import org.movierec.server.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec retrain}: rebuilds a model from the dataset files plus the ratings stored by the
 * server, with the model's own algorithm and hyperparameters, and saves it atomically; a running
 * server swaps to it on {@code POST /api/admin/reload}.
 */
@Command(name = "retrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Retrain a served model from the dataset plus the ratings stored by 'serve'.")
public final class RetrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The served model file.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE",
            description = "The dataset: a MovieLens directory or your own interactions file (with the same "
                    + "--columns and side files as for 'train').")
    Path data;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The server's store (default: SQLite file movierec-server.db next to the model).")
    String db;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the new model (default: over --model).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(modelFile)) {
            throw new Main.UserException("--model " + modelFile + " is not a file");
        }
        DataSource source = readOptions.source(data);
        String url = db != null ? db : MovieServer.Config.defaults(modelFile, source).dbUrl();
        Path target = out != null ? out : modelFile;
        Main.requireOutputDirectory(out != null ? "--out" : "--model", target);
        long t0 = System.nanoTime();
        Retrainer.Result r;
        try (Store store = JdbcStore.open(url)) {
            r = Retrainer.retrainTo(modelFile, source, store.allRatings(), target);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("retrained %s on %s: %d users, %d ratings (%d from the store, %d skipped) in %.1f s%n",
                r.model().provenance().algorithm(), r.train().name(), r.train().numUsers(),
                r.train().interactions().size(), r.storedRatings(), r.skipped(), (System.nanoTime() - t0) / 1e9);
        o.println("saved: " + target);
        o.println("a running server swaps to it on POST /api/admin/reload (admin token)");
        return 0;
    }
}

package org.movierec.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.movierec.server.DataSource;
import org.movierec.server.ModelWatcher;
import org.movierec.server.MovieServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec serve}: the recommendation service (JSON API, web page, metrics) over a trained
 * model. Stops gracefully on Ctrl-C / SIGTERM: running requests finish (up to 5 s), the store is
 * closed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve recommendations: JSON API (/openapi.json), web page, health and Prometheus metrics.")
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE",
            description = "The dataset the model was trained on, read again when retraining: a MovieLens directory "
                    + "or your own interactions file (with the same --columns and side files as for 'train').")
    Path data;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Store for users and ratings: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=..&password=.. "
                    + "(default: SQLite file movierec-server.db next to the model).")
    String db;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default 8080; 0: any free).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Admin token for reload/retrain (default: $MOVIEREC_ADMIN_TOKEN, else generated and printed once).")
    String adminToken;

    @Option(names = "--protect-reads", description = "Reading a user's ratings and recommendations needs their token.")
    boolean protectReads;

    @Option(names = "--rate-limit", defaultValue = "50", paramLabel = "N",
            description = "Requests per second per token (or per client address without one); 0 = off (default 50).")
    double rateLimit;

    @Option(names = "--no-watch", description = "Do not swap to the model file when it changes (by default the server "
            + "checks it every 2 s, e.g. for 'retrain --out' onto it); swap only on POST /api/admin/reload.")
    boolean noWatch;

    @Option(names = "--threads", paramLabel = "N",
            description = "Most request threads (default: 4 per core, at least 8).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(modelFile)) {
            throw new Main.UserException("--model " + modelFile + " is not a file");
        }
        DataSource source = readOptions.source(data);
        if (rateLimit < 0) {
            throw new IllegalArgumentException("--rate-limit must be >= 0, got " + rateLimit);
        }
        String token = adminToken != null ? adminToken : System.getenv("MOVIEREC_ADMIN_TOKEN");
        MovieServer.Config c = MovieServer.Config.defaults(modelFile, source).withPort(port).withHost(host)
                .withAdminToken(token).withProtectReads(protectReads).withRateLimit(rateLimit);
        if (db != null) {
            c = c.withDb(db);
        }
        if (threads != null) {
            c = c.withThreads(threads);
        }
        MovieServer server = MovieServer.start(c);
        ModelWatcher watcher = !noWatch ? ModelWatcher.start(server, modelFile, java.time.Duration.ofSeconds(2)) : null;
        PrintWriter out = spec.commandLine().getOut();
        var s = server.snapshot();
        out.println("movierec server: http://" + host + ":" + server.port() + "/  (API: /openapi.json, metrics: /metrics)");
        out.println("model: " + s.model().provenance().algorithm() + " on " + s.train().name() + " ("
                + s.train().numItems() + " movies); store: " + server.store().kind() + ", schema v"
                + server.store().schemaVersion() + ", " + server.store().userCount() + " users, "
                + server.store().ratingCount() + " ratings");
        if (server.adminTokenGenerated()) {
            out.println("admin token (shown once): " + server.adminToken());
        }
        if (watcher != null) {
            out.println("watching " + modelFile + ": the server swaps to it when it changes (--no-watch turns that off)");
        }
        out.println("stop with Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (watcher != null) {
                watcher.close();
            }
            server.close();
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "movierec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped from inside the process (an embedding program, a test): shut down as Ctrl-C does.
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
            Thread.currentThread().interrupt();
        }
        return 0;
    }

}

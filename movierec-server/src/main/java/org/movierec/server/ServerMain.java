package org.movierec.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the server without the CLI (used by tests that run it as a separate process):
 * {@code ServerMain MODEL DATA_DIR DB_URL PORT ADMIN_TOKEN RATE_LIMIT}. Prints
 * {@code listening on PORT} once it accepts requests; stops gracefully on SIGTERM.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ServerMain MODEL DATA_DIR DB_URL PORT ADMIN_TOKEN RATE_LIMIT");
            System.exit(2);
        }
        MovieServer.Config c = MovieServer.Config.defaults(Path.of(args[0]), Path.of(args[1]))
                .withDb(args[2]).withPort(Integer.parseInt(args[3])).withAdminToken(args[4])
                .withRateLimit(Double.parseDouble(args[5]));
        MovieServer s = MovieServer.start(c);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.close();
            done.countDown();
        }));
        System.out.println("listening on " + s.port());
        System.out.flush();
        done.await();
    }
}

package org.movierec.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster under {@code target/} (Debian's postgresql package): initdb and
 * pg_ctl refuse to run as root, so they run as the {@code postgres} user. Tests that need it skip
 * with a message when PostgreSQL is not installed, and fail under {@code CI=true}.
 */
final class PostgresCluster implements AutoCloseable {
    private final Path dir;
    private final String bin;
    final int port;

    private PostgresCluster(Path dir, String bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static String findBin() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (var s = Files.list(base)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .map(Path::toString).sorted().reduce((a, b) -> b).orElse(null);
        }
    }

    static PostgresCluster startOrSkip() throws Exception {
        String bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (bin == null || !root) {
            String msg = bin == null ? "PostgreSQL is not installed (apt-get install -y postgresql)"
                    : "the PostgreSQL test runs initdb as the postgres user and needs root to switch to it";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg + "; CI must run this test");
            }
            Assumptions.abort(msg);
        }
        Path dir = Path.of("target", "pg-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run("chown -R postgres " + dir);
        su(bin + "/initdb -D " + dir + "/data -A trust -U postgres -E UTF8 --no-sync >" + dir + "/initdb.log 2>&1");
        su(bin + "/pg_ctl -D " + dir + "/data -l " + dir + "/server.log -w -o '-p " + port + " -k " + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=on' start");
        return new PostgresCluster(dir, bin, port);
    }

    /** A fresh database on the cluster. */
    String newDatabase(String name) throws Exception {
        su(bin + "/createdb -h 127.0.0.1 -p " + port + " -U postgres " + name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    private static void su(String cmd) throws Exception {
        run("su postgres -s /bin/sh -c \"" + cmd.replace("\"", "\\\"") + "\"");
    }

    private static void run(String cmd) throws Exception {
        Process p = new ProcessBuilder(List.of("/bin/sh", "-c", cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("command failed: " + cmd + "\n" + out);
        }
    }

    @Override
    public void close() throws Exception {
        su(bin + "/pg_ctl -D " + dir + "/data -m fast -w stop");
    }
}

package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged rating survives {@code kill -9}: a real server process (SQLite store) takes a
 * stream of writes from two clients and is killed with SIGKILL in the middle; every rating it
 * answered 200 for must be in the database afterwards.
 */
class KillNineDurabilityTest {
    @Test
    void everyAcknowledgedRatingSurvivesSigkill() throws Exception {
        Path dir = TestServers.ROOT.resolve("kill9");
        Path model = TestServers.modelCopy(dir);
        Path db = dir.resolve("store.db");
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir.resolve("store.db-wal"));
        Files.deleteIfExists(dir.resolve("store.db-shm"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the killed server cannot remove the SQLite library it unpacked: it unpacks it into dir, not /tmp
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dorg.sqlite.tmpdir=" + dir, "-cp",
                System.getProperty("java.class.path"),
                "org.movierec.server.ServerMain", model.toString(), TestServers.dataDir().toString(), "jdbc:sqlite:" + db,
                "0", TestServers.ADMIN, "0").redirectErrorStream(true).start();
        int port = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("listening on ")) {
                    port = Integer.parseInt(line.substring("listening on ".length()).trim());
                    break;
                }
            }
            assertThat(port).as("server did not start").isPositive();
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe empty
                    }
                } catch (Exception ignored) {
                    // the process died
                }
            });
            drain.setDaemon(true);
            drain.start();
            final int serverPort = port;
            Map<String, Float> acked = new ConcurrentHashMap<>();
            AtomicInteger ackCount = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            List<String> users = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                var u = TestServers.call(port, "POST", "/api/users", "{\"name\":\"w" + w + "\"}", null).json();
                users.add(u.get("userId").asText());
                String id = u.get("userId").asText();
                String token = u.get("token").asText();
                Thread t = new Thread(() -> {
                    for (int m = 1; m <= 600; m++) {
                        float r = 1 + (m % 9) * 0.5f;
                        try {
                            var resp = TestServers.call(serverPort, "PUT", "/api/users/" + id + "/ratings/" + m,
                                    "{\"rating\":" + r + "}", token);
                            if (resp.status() == 200) {
                                acked.put(id + "/" + m, r);
                                ackCount.incrementAndGet();
                            }
                        } catch (Exception e) {
                            return; // the server is gone
                        }
                    }
                });
                writers.add(t);
                t.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ackCount.get() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
            for (Thread t : writers) {
                t.join(30_000);
            }
            int acknowledged = acked.size();
            assertThat(acknowledged).isGreaterThanOrEqualTo(300);
            long stored;
            int found = 0;
            try (JdbcStore s = JdbcStore.open("jdbc:sqlite:" + db)) {
                stored = s.ratingCount();
                for (String u : users) {
                    for (Store.Rating r : s.ratings(Long.parseLong(u))) {
                        Float a = acked.get(u + "/" + r.movieId());
                        if (a != null) {
                            assertThat(r.rating()).isEqualTo(a);
                            found++;
                        }
                    }
                }
            }
            System.out.printf("kill -9: %d ratings acknowledged, %d stored after the kill, %d of the acknowledged found%n",
                    acknowledged, stored, found);
            assertThat(found).isEqualTo(acknowledged);
            assertThat(stored).isGreaterThanOrEqualTo(acknowledged);
            assertThat(stored).isLessThan(1200); // the kill came in the middle of the stream
        } finally {
            p.destroyForcibly();
        }
    }
}

package org.movierec.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-process cost of the server's work, without HTTP: recommendations for users of the model
 * (k=10, with explanations, serialized to JSON), fold-in lists for a new user with 10 ratings, and
 * rating writes to a SQLite store. Reports per-call thread CPU time (robust when other processes
 * share the cores) and wall time. Usage: {@code ServerBench MODEL SECONDS}.
 */
public final class ServerBench {
    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        ModelSnapshot s = ModelSnapshot.load(model, "1");
        Path dir = Files.createTempDirectory("serverbench");
        try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("bench.db"))) {
            Service svc = new Service(store, new AtomicReference<>(s));
            int nu = s.train().numUsers();
            int[] ids = s.train().users().ids().externalIds();
            Service.Query q = new Service.Query(10, true, List.of(), Integer.MIN_VALUE, Integer.MAX_VALUE, new int[0]);
            int[] counter = {0};
            run("recommend (user of the model, k=10, explained, JSON; lists cached per user)", seconds, () -> {
                int u = ids[counter[0]++ % nu];
                MovieServer.JSON.writeValueAsBytes(svc.forUser(u, q));
            });
            String was = System.setProperty("movierec.server.resultCache", "false");
            ModelSnapshot uncachedSnapshot = ModelSnapshot.load(model, "1");
            if (was == null) {
                System.clearProperty("movierec.server.resultCache");
            } else {
                System.setProperty("movierec.server.resultCache", was);
            }
            Service uncached = new Service(store, new AtomicReference<>(uncachedSnapshot));
            run("recommend (user of the model, k=10, explained, JSON; scored on every call)", seconds, () -> {
                int u = ids[counter[0]++ % nu];
                MovieServer.JSON.writeValueAsBytes(uncached.forUser(u, q));
            });
            JsonNode body = Service.foldInBody(s, 10); // the 10 most rated movies, rated 1..5
            run("fold-in (new user, 10 ratings, k=10, explained, JSON)", seconds, () ->
                    MovieServer.JSON.writeValueAsBytes(svc.anonymous(body)));
            long user = store.createUser("bench", List.of(), "bench-token-hash").id();
            int ni = s.train().numItems();
            int[] n = {0};
            run("rating write (SQLite WAL, synchronous=NORMAL, one upsert per call)", seconds, () -> {
                int i = n[0]++;
                store.putRating(user, s.movieId(i % ni), 1 + i % 5, i);
            });
        }
    }

    interface Op {
        void run() throws Exception;
    }

    private static void run(String name, double seconds, Op op) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long[] cpu = new long[1 << 20];
        long[] wall = new long[1 << 20];
        int count = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long cpu0 = mx.getCurrentThreadCpuTime();
        while (System.nanoTime() < end && count < cpu.length) {
            long c = mx.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            op.run();
            wall[count] = System.nanoTime() - w;
            cpu[count++] = mx.getCurrentThreadCpuTime() - c;
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpuTotal = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long[] c = Arrays.copyOf(cpu, count);
        long[] w = Arrays.copyOf(wall, count);
        Arrays.sort(c);
        Arrays.sort(w);
        System.out.printf("%s: %d calls in %.1f s wall (%.1f s thread CPU) -> %.0f calls/s per busy core; "
                        + "CPU per call p50 %.3f ms, p99 %.3f ms; wall per call p50 %.3f ms, p99 %.3f ms%n",
                name, count, elapsed, cpuTotal, count / cpuTotal, c[count / 2] / 1e6, c[(int) (count * 0.99)] / 1e6,
                w[count / 2] / 1e6, w[(int) (count * 0.99)] / 1e6);
    }
}

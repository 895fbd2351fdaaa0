package org.movierec.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local stand-in for {@code files.grouplens.org}: serves files under {@code /movielens/} on 127.0.0.1 with a
 * free port, honours {@code Range: bytes=N-} when asked to, and can misbehave on purpose (cut the connection in
 * the middle of a body, stall). It records every request so tests can check what the client asked for.
 *
 * <p>Archives are built by the tests from synthetic content ({@link #zip}); no MovieLens file is ever served.
 */
public final class ArchiveServer implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(String file, String range) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean ranges = true;
    private volatile int cuts;
    private volatile long cutAfter;
    private volatile long stallAfter = -1;

    public ArchiveServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "archive-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/movielens/", this::handle);
        server.start();
    }

    /** The base URL to pass as a mirror: {@code http://127.0.0.1:PORT/movielens/}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/movielens/");
    }

    /** Serves {@code bytes} as {@code fileName}. */
    public ArchiveServer put(String fileName, byte[] bytes) {
        files.put(fileName, bytes.clone());
        return this;
    }

    /** Serves {@code fileName} and, beside it, {@code fileName.md5} in GroupLens's BSD format. */
    public ArchiveServer publish(String fileName, byte[] bytes) {
        put(fileName, bytes);
        return put(fileName + ".md5", ("MD5 (" + fileName + ") = " + md5(bytes) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    public ArchiveServer remove(String fileName) {
        files.remove(fileName);
        return this;
    }

    /** Whether Range requests are answered with 206 (true) or ignored with a full 200 (false). */
    public ArchiveServer ranges(boolean supported) {
        this.ranges = supported;
        return this;
    }

    /** The next {@code times} responses for a {@code .zip} stop after {@code bytes} body bytes and drop the connection. */
    public ArchiveServer cutAfter(long bytes, int times) {
        this.cutAfter = bytes;
        this.cuts = times;
        return this;
    }

    /** Responses for a {@code .zip} send {@code bytes} body bytes and then stall until the server closes. */
    public ArchiveServer stallAfter(long bytes) {
        this.stallAfter = bytes;
        return this;
    }

    /** The requests received so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(new Request(name, range));
        byte[] body = files.get(name);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int start = 0;
        int code = 200;
        if (range != null && ranges) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (start >= body.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            code = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        if (ranges) {
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        }
        int len = body.length - start;
        ex.sendResponseHeaders(code, len);
        OutputStream os = ex.getResponseBody();
        boolean zip = name.endsWith(".zip");
        if (zip && stallAfter >= 0) {
            os.write(body, start, (int) Math.min(len, stallAfter));
            os.flush();
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled response abandoned");
        }
        if (zip && cuts > 0) {
            cuts--;
            os.write(body, start, (int) Math.min(len, cutAfter));
            os.flush();
            // Throwing from the handler makes HttpServer drop the connection mid-body.
            throw new IOException("connection cut on purpose");
        }
        os.write(body, start, len);
        os.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    /** Lower-case hex MD5. */
    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip of the given entries (name to UTF-8 content; a name ending in '/' is a directory), in order. */
    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) {
                    z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A synthetic archive laid out like a MovieLens one: {@code top/} holding an ML-100k style {@code u.data},
     * {@code u.item} and {@code u.user} of 3 users and 4 movies (ratings vary with {@code seed}), padded with a
     * {@code README} of {@code padding} pseudo-random characters so transfers span several chunks.
     */
    public static Map<String, String> syntheticDataset(String top, int seed, int padding) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(top + "/", "");
        StringBuilder data = new StringBuilder();
        for (int u = 1; u <= 3; u++) {
            for (int i = 1; i <= 4; i++) {
                if ((u + i + seed) % 3 != 0) {
                    data.append(u).append('\t').append(i).append('\t').append(1 + (u * i + seed) % 5).append('\t')
                            .append(880_000_000L + 86_400L * (u * 10 + i)).append('\n');
                }
            }
        }
        m.put(top + "/u.data", data.toString());
        StringBuilder item = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            item.append(i).append("|Synthetic ").append(i).append(" (1990)|01-Jan-1990||http://x|0|1|0\n");
        }
        m.put(top + "/u.item", item.toString());
        m.put(top + "/u.user", "1|20|M|student|11111\n2|30|F|artist|22222\n3|40|M|doctor|33333\n");
        m.put(top + "/u.genre", "Action|0\nComedy|1\nDrama|2\n");
        m.put(top + "/u.occupation", "artist\ndoctor\nstudent\n");
        StringBuilder readme = new StringBuilder(padding);
        long x = 0x9E3779B97F4A7C15L ^ seed;
        for (int k = 0; k < padding; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            readme.append((char) ('a' + (int) ((x >>> 33) % 26)));
        }
        m.put(top + "/README", readme.toString());
        return m;
    }
}

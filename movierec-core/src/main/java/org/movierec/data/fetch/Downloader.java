package org.movierec.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.movierec.data.DataFormatException;
import org.movierec.util.Version;
import org.movierec.util.ProgressListener;

/**
 * Downloads, verifies and unpacks the official MovieLens archives ({@link MovieLensArchive}).
 *
 * <p>The steps, each leaving either the old state or the complete new one on disk:
 * <ol>
 *   <li>Fetch {@code NAME.zip.md5} (GroupLens publishes one beside each archive) and compare it with the MD5
 *       embedded in this build where there is one; if they disagree, stop before downloading.</li>
 *   <li>Download into {@code DIR/NAME.zip.part}. A {@code .part} left by an interrupted run is resumed with an
 *       HTTP {@code Range} request; if the server answers 200 instead of 206, or a {@code Content-Range} that does
 *       not start where the file ends, the part is discarded and the download restarts. Within one run a cut
 *       connection or a timeout is retried the same way, up to {@code maxAttempts} transfers.</li>
 *   <li>Hash the file on disk (not the bytes we believe we wrote) and compare with the expected MD5. A resumed
 *       file that fails is discarded and downloaded once more from byte 0 (the old prefix may come from another
 *       version of the archive); a fresh one that fails is deleted and reported with both digests.</li>
 *   <li>Rename {@code .part} to {@code NAME.zip}, unpack into a temporary directory beside the target
 *       (rejecting entries whose path escapes it: "zip slip"), then rename that directory into place.</li>
 * </ol>
 *
 * <p>Transport: {@link HttpClient} over HTTPS to {@code files.grouplens.org}. A mirror
 * ({@link Builder#mirror(URI)}, the CLI's {@code --mirror} or {@value #MIRROR_ENV}) replaces the base URL; plain
 * http is accepted only for such an explicit override or a loopback host, and redirects never downgrade https to
 * http. The connect timeout bounds connection set-up; the read timeout bounds both the wait for the response
 * headers and every gap between two body chunks, so a stalled server fails instead of hanging.
 */
public final class Downloader {
    /** Where GroupLens publishes the archives. */
    public static final URI OFFICIAL_BASE = URI.create("https://files.grouplens.org/datasets/movielens/");
    /** Environment variable naming a mirror base URL. */
    public static final String MIRROR_ENV = "MOVIEREC_MIRROR";

    private static final Pattern BSD_MD5 = Pattern.compile("MD5\\s*\\(([^)]*)\\)\\s*=\\s*([0-9a-fA-F]{32})");
    private static final Pattern GNU_MD5 = Pattern.compile("^([0-9a-fA-F]{32})(?:\\s+\\*?(\\S+))?\\s*$",
            Pattern.MULTILINE);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER = 1 << 16;

    /** What {@link #fetch} did. */
    public enum Status {
        /** The archive was downloaded, verified and unpacked into place. */
        DOWNLOADED,
        /** The target directory existed and {@code force} was false: nothing was fetched. */
        ALREADY_PRESENT
    }

    /**
     * @param archive   the archive
     * @param directory where the dataset is installed
     * @param status    whether anything was downloaded
     * @param md5       the verified MD5 (null when already present)
     * @param bytes     size of the verified archive (0 when already present)
     * @param resumed   whether some transfer continued a partial download with a Range request
     */
    public record Result(MovieLensArchive archive, Path directory, Status status, String md5, long bytes,
                         boolean resumed) {
    }

    private final URI base;
    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final boolean keepArchive;

    private Downloader(Builder b) {
        this.base = b.base;
        this.readTimeout = b.readTimeout;
        this.maxAttempts = b.maxAttempts;
        this.keepArchive = b.keepArchive;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * A builder with the defaults: GroupLens over HTTPS, 30 s connect and 60 s read timeouts, 3 attempts,
     * archive deleted after unpacking.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where archives come from.
     *
     * @return the base URL the archives are fetched from (ends with '/')
     */
    public URI base() {
        return base;
    }

    /**
     * Where one archive comes from.
     *
     * @param a an archive
     * @return its URL under {@link #base()}
     */
    public URI archiveUri(MovieLensArchive a) {
        return base.resolve(a.fileName());
    }

    /**
     * {@link #fetch(MovieLensArchive, Path, boolean, ProgressListener)} by name ({@link MovieLensArchive#byName}).
     *
     * @param name     an archive name such as {@code ml-100k}
     * @param dir      the parent directory of the installed dataset (created if needed)
     * @param force    download and replace the dataset even when its directory exists
     * @param progress receives the transfer's bytes
     * @return what was done and where the dataset is
     * @throws IllegalArgumentException naming an unknown archive name
     * @throws IOException              as {@link #fetch(MovieLensArchive, Path, boolean, ProgressListener)}
     */
    public Result fetch(String name, Path dir, boolean force, ProgressListener progress) throws IOException {
        return fetch(MovieLensArchive.byName(name), dir, force, progress);
    }

    /**
     * Installs {@code archive} as {@code dir/<archive.directoryName()>}: downloads it (resuming a
     * {@code .part} file), verifies its MD5 and unpacks it atomically.
     *
     * @param archive  the archive
     * @param dir      the parent directory of the installed dataset (created if needed)
     * @param force    download and replace the dataset even when its directory exists
     * @param progress receives the transfer's bytes
     * @return what was done and where the dataset is
     * @throws FetchException on HTTP errors, missing or disagreeing checksums, or a checksum mismatch
     * @throws IOException    when the transfer keeps failing (the {@code .part} is kept for a later resume)
     * @throws DataFormatException when the verified archive is not a valid zip or has an entry escaping the target
     */
    public Result fetch(MovieLensArchive archive, Path dir, boolean force, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(progress, "progress");
        Path target = dir.resolve(archive.directoryName());
        if (Files.exists(target) && !force) {
            return new Result(archive, target, Status.ALREADY_PRESENT, null, 0, false);
        }
        Files.createDirectories(dir);
        String expected = expectedMd5(archive, progress);
        Path zip = dir.resolve(archive.fileName());
        boolean resumed = false;
        if (Files.exists(zip) && !md5(zip).equals(expected)) {
            // Left by an earlier run or by hand; only a verified archive is reused.
            Files.delete(zip);
        }
        if (!Files.exists(zip)) {
            resumed = download(archive, zip, expected, progress);
        }
        long bytes = Files.size(zip);
        try {
            install(zip, dir, target, archive, progress);
        } catch (IOException | RuntimeException e) {
            if (!keepArchive) {
                Files.deleteIfExists(zip);
            }
            throw e;
        }
        if (!keepArchive) {
            Files.deleteIfExists(zip);
        }
        return new Result(archive, target, Status.DOWNLOADED, expected, bytes, resumed);
    }

    // ------------------------------------------------------------------ checksums

    private String expectedMd5(MovieLensArchive a, ProgressListener progress) throws IOException {
        URI uri = base.resolve(a.fileName() + ".md5");
        String published = fetchPublishedMd5(uri, a.fileName());
        String known = a.knownMd5();
        if (published != null && known != null && !published.equals(known)) {
            throw new FetchException("published checksum " + uri + " says MD5 " + published + " but the MD5 of "
                    + a.fileName() + " known to this build is " + known + "; refusing to download "
                    + "(the mirror serves a different archive)");
        }
        if (published != null) {
            return published;
        }
        if (known != null) {
            progress.message(uri + " not found; checking against the embedded MD5");
            return known;
        }
        throw new FetchException("no checksum for " + a.fileName() + ": " + uri + " not found (HTTP 404) and "
                + "none is embedded in this build; refusing an unverified download");
    }

    /** The MD5 in a published checksum file, or null when the server has none (404). */
    private String fetchPublishedMd5(URI uri, String fileName) throws IOException {
        HttpResponse<String> r;
        try {
            r = client.send(request(uri).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + uri + ": " + describe(e), e);
        }
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new FetchException("HTTP " + r.statusCode() + " from " + uri);
        }
        return parseMd5(r.body(), fileName, uri.toString());
    }

    /**
     * The digest in a checksum file: BSD style {@code MD5 (ml-100k.zip) = <hex>} (what GroupLens publishes),
     * GNU style {@code <hex>  ml-100k.zip}, or a bare digest. A file naming another archive is rejected.
     */
    static String parseMd5(String text, String fileName, String source) throws FetchException {
        Matcher m = BSD_MD5.matcher(text);
        String digest;
        String named;
        if (m.find()) {
            named = m.group(1).trim();
            digest = m.group(2);
        } else {
            m = GNU_MD5.matcher(text);
            if (!m.find()) {
                throw new FetchException(source + ": not a checksum file (expected 'MD5 (" + fileName
                        + ") = <32 hex digits>')");
            }
            digest = m.group(1);
            named = m.group(2);
        }
        if (named != null && !Path.of(named).getFileName().toString().equals(fileName)) {
            throw new FetchException(source + ": checksum file is for '" + named + "', not " + fileName);
        }
        return digest.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The MD5 of a file's content.
     *
     * @param file a readable file
     * @return lower-case hex, 32 digits
     * @throws IOException when the file cannot be read
     */
    public static String md5(Path file) throws IOException {
        MessageDigest md = md5Digest();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide MD5", e);
        }
    }

    // ------------------------------------------------------------------ transfer

    /** Downloads into {@code zip}'s {@code .part}, verifies it and renames it; returns whether it resumed. */
    private boolean download(MovieLensArchive a, Path zip, String expected, ProgressListener progress)
            throws IOException {
        URI uri = archiveUri(a);
        Path part = zip.resolveSibling(a.fileName() + ".part");
        boolean anyResume = false;
        boolean discardedResume = false;
        IOException last = null;
        int attempts = 0;
        while (attempts < maxAttempts) {
            attempts++;
            boolean resumed;
            try {
                resumed = transfer(uri, a, part, progress);
            } catch (FetchException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                continue;
            }
            anyResume |= resumed;
            String actual = md5(part);
            if (actual.equals(expected)) {
                move(part, zip);
                return anyResume;
            }
            Files.deleteIfExists(part);
            if (resumed && !discardedResume) {
                discardedResume = true;
                attempts--;
                continue;
            }
            throw new ChecksumMismatchException(zip, uri.toString(), expected, actual);
        }
        long kept = Files.exists(part) ? Files.size(part) : 0;
        throw new IOException("download of " + uri + " failed after " + maxAttempts + " attempt(s): "
                + describe(last) + "; " + kept + " bytes kept in " + part + ", run the command again to resume", last);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (t instanceof HttpTimeoutException) {
            return "timed out (" + m + ")";
        }
        if (t instanceof java.net.ConnectException) {
            return "cannot connect" + (m == null ? "" : " (" + m + ")");
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /**
     * One GET, appending to {@code part} when the server honours a Range request for its current length, or
     * rewriting it from byte 0 otherwise. Returns whether it appended; throws when the body ends early.
     */
    private boolean transfer(URI uri, MovieLensArchive a, Path part, ProgressListener progress) throws IOException {
        long offset = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder rb = request(uri);
        if (offset > 0) {
            rb.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<ChunkQueue> r;
        try {
            r = client.send(rb.build(), info -> new ChunkQueue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + uri);
        }
        ChunkQueue body = r.body();
        int sc = r.statusCode();
        boolean append;
        long total;
        if (sc == 206 && offset > 0) {
            long[] range = contentRange(r.headers());
            if (range == null || range[0] != offset) {
                // Not the continuation we asked for: start over rather than splice unknown bytes.
                body.cancel();
                Files.deleteIfExists(part);
                return transfer(uri, a, part, progress);
            }
            append = true;
            total = range[1];
        } else if (sc == 416 && offset > 0) {
            // The part is not a prefix of the current file (as long or longer): it cannot be trusted.
            body.cancel();
            Files.deleteIfExists(part);
            return transfer(uri, a, part, progress);
        } else if (sc == 200) {
            append = false;
            total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else {
            body.cancel();
            if (sc == 404) {
                throw new FetchException(a.fileName() + " not found at " + uri + " (HTTP 404); check the dataset "
                        + "name (known: " + MovieLensArchive.names() + ") and the mirror");
            }
            throw new FetchException("HTTP " + sc + " from " + uri);
        }
        progress.start("download " + a.fileName(), total);
        long written = append ? offset : 0;
        if (append) {
            progress.advance(offset);
        }
        StandardOpenOption[] mode = append
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE};
        byte[] buf = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(part, mode)) {
            List<ByteBuffer> chunk;
            while ((chunk = body.next(readTimeout)) != null) {
                for (ByteBuffer bb : chunk) {
                    while (bb.hasRemaining()) {
                        int n = Math.min(buf.length, bb.remaining());
                        bb.get(buf, 0, n);
                        out.write(buf, 0, n);
                        written += n;
                        progress.advance(n);
                    }
                }
            }
        } catch (IOException e) {
            body.cancel();
            throw e;
        } finally {
            progress.done();
        }
        if (total >= 0 && written != total) {
            throw new IOException("connection closed after " + written + " of " + total + " bytes of " + uri);
        }
        return append;
    }

    /** {@code [first, totalLength]} from {@code Content-Range: bytes first-last/total}, or null. */
    private static long[] contentRange(HttpHeaders h) {
        String v = h.firstValue("Content-Range").orElse(null);
        if (v == null) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(v.trim());
        if (!m.matches()) {
            return null;
        }
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        return new long[] {Long.parseLong(m.group(1)), total};
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(readTimeout).GET()
                .header("User-Agent", "movierec/" + Version.current());
    }

    /**
     * Receives the body chunk by chunk into a queue that the downloading thread polls with the read timeout.
     * Unlike {@code BodyHandlers.ofInputStream()}, whose reads block without limit once the headers are in,
     * this makes a server that stalls mid-body fail after {@code readTimeout}. One chunk is requested at a
     * time, so memory stays bounded whatever the archive size.
     */
    private static final class ChunkQueue implements HttpResponse.BodySubscriber<ChunkQueue> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public CompletionStage<ChunkQueue> getBody() {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        /** The next chunk, or null at the end of the body. */
        @SuppressWarnings("unchecked")
        List<ByteBuffer> next(Duration timeout) throws IOException {
            Object o;
            try {
                o = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while downloading");
            }
            if (o == null) {
                throw new HttpTimeoutException("no data received for " + timeout.toMillis() + " ms");
            }
            if (o == END) {
                return null;
            }
            if (o instanceof Throwable t) {
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            subscription.request(1);
            return (List<ByteBuffer>) o;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    // ------------------------------------------------------------------ unpacking

    private static void install(Path zip, Path dir, Path target, MovieLensArchive a, ProgressListener progress)
            throws IOException {
        Path tmp = Files.createTempDirectory(dir, "." + a.directoryName() + ".unpack-");
        try {
            unzip(zip, tmp, a, progress);
            Path root = contentRoot(tmp);
            Path old = null;
            if (Files.exists(target)) {
                old = dir.resolve("." + a.directoryName() + ".old-" + tmp.getFileName().toString()
                        .substring(tmp.getFileName().toString().lastIndexOf('-') + 1));
                move(target, old);
            }
            try {
                move(root, target);
            } catch (IOException e) {
                if (old != null) {
                    move(old, target);
                }
                throw e;
            }
            if (old != null) {
                deleteRecursively(old);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /** The archive's single top-level directory (all MovieLens archives have one), or the unpack root. */
    private static Path contentRoot(Path tmp) throws IOException {
        List<Path> top = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                top.add(p);
            }
        }
        return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : tmp;
    }

    /**
     * Extracts every entry under {@code into}. Entry names are resolved and normalized, and any that would land
     * outside {@code into} (absolute paths, {@code ..} segments, Windows separators) reject the whole archive.
     */
    static void unzip(Path zip, Path into, MovieLensArchive a, ProgressListener progress) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                long s = en.nextElement().getSize();
                total += Math.max(0, s);
            }
            progress.start("unpack " + a.fileName(), total);
            byte[] buf = new byte[BUFFER];
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                Path out = root.resolve(name).normalize();
                if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || !out.startsWith(root)
                        || out.equals(root)) {
                    throw new DataFormatException(zip, 0, "entry '" + name + "' would be written outside the "
                            + "target directory (zip slip); refusing the archive");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(e);
                     OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        os.write(buf, 0, n);
                        progress.advance(n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(zip, 0, "not a valid zip archive: " + e.getMessage(), e);
        } finally {
            progress.done();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ------------------------------------------------------------------ configuration

    /** Configures a {@link Downloader}; every setting has a default suited to the official server. */
    public static final class Builder {
        private URI base = OFFICIAL_BASE;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private boolean keepArchive;

        private Builder() {
        }

        /**
         * Fetch from {@code url} (the directory holding {@code NAME.zip} and {@code NAME.zip.md5}) instead of
         * GroupLens. Being an explicit override, it may use plain http.
         *
         * @param url an http or https URL with a host; a missing trailing '/' is added
         * @return this builder
         * @throws IllegalArgumentException naming the URL when it is not http(s) or has no host
         */
        public Builder mirror(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("mirror URL must be http or https: " + url);
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("mirror URL has no host: " + url);
            }
            String s = url.toString();
            this.base = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /**
         * {@link #mirror(URI)} from a string.
         *
         * @param url an http or https URL
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is not a URL
         */
        public Builder mirror(String url) {
            try {
                return mirror(new URI(url.trim()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("bad mirror URL '" + url + "': " + e.getReason());
            }
        }

        /**
         * Uses the mirror named by {@value #MIRROR_ENV} in {@code env}, if set and not blank.
         *
         * @param env environment variables, usually {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException when the variable holds a bad URL
         */
        public Builder mirrorFromEnvironment(Map<String, String> env) {
            String v = env.get(MIRROR_ENV);
            if (v != null && !v.isBlank()) {
                mirror(v);
            }
            return this;
        }

        /**
         * Longest wait for a TCP connection (default 30 s).
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code d} is null, zero or negative
         */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connect timeout");
            return this;
        }

        /**
         * Longest wait for the response headers and between two chunks of the body (default 60 s).
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code d} is null, zero or negative
         */
        public Builder readTimeout(Duration d) {
            this.readTimeout = positive(d, "read timeout");
            return this;
        }

        /**
         * Transfers per download (a cut connection or timeout costs one; each retry resumes).
         *
         * @param n at least 1 (default 3)
         * @return this builder
         * @throws IllegalArgumentException when {@code n < 1}
         */
        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /**
         * Whether to keep the verified {@code NAME.zip} after unpacking (deleted by default).
         *
         * @param keep true to keep it beside the dataset directory
         * @return this builder
         */
        public Builder keepArchive(boolean keep) {
            this.keepArchive = keep;
            return this;
        }

        /**
         * A downloader with these settings (immutable; one HTTP client, safe to share between threads).
         *
         * @return the downloader
         */
        public Downloader build() {
            return new Downloader(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }

    /**
     * True when the base URL is plain http to a host that is not a loopback address: allowed, because only an
     * explicit mirror can set it, but the CLI warns that integrity then rests on the checksums alone.
     *
     * @return whether the base URL is http to a non-loopback host
     */
    public boolean plainHttpToRemoteHost() {
        if (!"http".equalsIgnoreCase(base.getScheme())) {
            return false;
        }
        try {
            return !InetAddress.getByName(base.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}

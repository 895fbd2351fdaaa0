package org.movierec.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.testing.ArchiveServer;
import org.movierec.testing.ArchiveServer.Request;
import org.movierec.util.ProgressListener;

class DownloaderTest {
    private static final MovieLensArchive SMALL = MovieLensArchive.ML_LATEST_SMALL;

    private final ArchiveServer server = new ArchiveServer();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    private Downloader.Builder downloader() {
        return Downloader.builder().mirror(server.base()).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10));
    }

    private static byte[] archive(int seed) {
        return ArchiveServer.zip(ArchiveServer.syntheticDataset("ml-latest-small", seed, 200_000));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertUnpacked(Path dir, Map<String, String> entries) throws IOException {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!e.getKey().endsWith("/")) {
                assertThat(Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8))
                        .as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void downloadsVerifiesAndUnpacksLeavingOnlyTheDataset() throws IOException {
        byte[] zip = archive(1);
        server.publish("ml-latest-small.zip", zip);
        RecordingProgress progress = new RecordingProgress();
        Path dir = tmp.resolve("data");

        Downloader.Result r = downloader().build().fetch("ml-latest-small", dir, false, progress);

        assertThat(r.status()).isEqualTo(Downloader.Status.DOWNLOADED);
        assertThat(r.directory()).isEqualTo(dir.resolve("ml-latest-small"));
        assertThat(r.md5()).isEqualTo(ArchiveServer.md5(zip));
        assertThat(r.bytes()).isEqualTo(zip.length);
        assertThat(r.resumed()).isFalse();
        assertUnpacked(dir, ArchiveServer.syntheticDataset("ml-latest-small", 1, 200_000));
        assertThat(listing(dir)).containsExactly("ml-latest-small");
        assertThat(listing(dir.resolve("ml-latest-small"))).containsExactly("README", "u.data", "u.genre", "u.item", "u.occupation", "u.user");
        assertThat(server.requests()).containsExactly(new Request("ml-latest-small.zip.md5", null),
                new Request("ml-latest-small.zip", null));
        assertThat(progress.downloaded).isEqualTo(zip.length);
        assertThat(progress.tasks).contains("download ml-latest-small.zip", "unpack ml-latest-small.zip");
    }

    @Test
    void keepArchiveKeepsTheVerifiedZip() throws IOException {
        byte[] zip = archive(1);
        server.publish("ml-latest-small.zip", zip);
        downloader().keepArchive(true).build().fetch(SMALL, tmp, false, ProgressListener.NONE);
        assertThat(listing(tmp)).containsExactly("ml-latest-small", "ml-latest-small.zip");
        assertThat(Files.readAllBytes(tmp.resolve("ml-latest-small.zip"))).isEqualTo(zip);
    }

    @Test
    void presentDatasetIsSkippedUnlessForced() throws IOException {
        server.publish("ml-latest-small.zip", archive(1));
        Downloader d = downloader().build();
        d.fetch(SMALL, tmp, false, ProgressListener.NONE);
        Files.writeString(tmp.resolve("ml-latest-small/stale.txt"), "from the old version");
        int before = server.requests().size();

        Downloader.Result again = d.fetch(SMALL, tmp, false, ProgressListener.NONE);
        assertThat(again.status()).isEqualTo(Downloader.Status.ALREADY_PRESENT);
        assertThat(server.requests()).hasSize(before);

        // A new release on the server replaces the whole directory under --force.
        server.publish("ml-latest-small.zip", archive(2));
        Downloader.Result forced = d.fetch(SMALL, tmp, true, ProgressListener.NONE);
        assertThat(forced.status()).isEqualTo(Downloader.Status.DOWNLOADED);
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 2, 200_000));
        assertThat(tmp.resolve("ml-latest-small/stale.txt")).doesNotExist();
        assertThat(listing(tmp)).containsExactly("ml-latest-small");
    }

    @Test
    void checksumMismatchNamesFileAndDigestsAndLeavesNothing() throws IOException {
        byte[] served = archive(1);
        byte[] other = archive(2);
        server.put("ml-latest-small.zip", served);
        server.put("ml-latest-small.zip.md5", ("MD5 (ml-latest-small.zip) = " + ArchiveServer.md5(other))
                .getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("ml-latest-small.zip")
                .hasMessageContaining("expected MD5 " + ArchiveServer.md5(other))
                .hasMessageContaining("got " + ArchiveServer.md5(served));
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void publishedChecksumDisagreeingWithEmbeddedOneStopsBeforeDownloading() throws IOException {
        // A consistent pair (archive + its own md5) that is not the real ml-100k.
        byte[] fake = ArchiveServer.zip(ArchiveServer.syntheticDataset("ml-100k", 1, 100));
        server.publish("ml-100k.zip", fake);

        assertThatThrownBy(() -> downloader().build().fetch("ml-100k", tmp, false, ProgressListener.NONE))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining(ArchiveServer.md5(fake))
                .hasMessageContaining(MovieLensArchive.ML_100K.knownMd5());
        assertThat(server.requests()).extracting(Request::file).containsExactly("ml-100k.zip.md5");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void withoutPublishedChecksumTheEmbeddedOneIsEnforced() throws IOException {
        byte[] fake = ArchiveServer.zip(ArchiveServer.syntheticDataset("ml-1m", 1, 100));
        server.put("ml-1m.zip", fake);

        assertThatThrownBy(() -> downloader().build().fetch("ml-1m", tmp, false, ProgressListener.NONE))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("expected MD5 " + MovieLensArchive.ML_1M.knownMd5())
                .hasMessageContaining("got " + ArchiveServer.md5(fake));
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void noChecksumAnywhereRefusesTheDownload() throws IOException {
        server.put("ml-32m.zip", ArchiveServer.zip(ArchiveServer.syntheticDataset("ml-32m", 1, 100)));

        assertThatThrownBy(() -> downloader().build().fetch("ml-32m", tmp, false, ProgressListener.NONE))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("no checksum for ml-32m.zip")
                .hasMessageContaining("ml-32m.zip.md5 not found");
        assertThat(server.requests()).extracting(Request::file).containsExactly("ml-32m.zip.md5");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void missingArchiveIsAClear404() throws IOException {
        server.publish("ml-latest-small.zip", archive(1)).remove("ml-latest-small.zip");

        assertThatThrownBy(() -> downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("ml-latest-small.zip not found at " + server.base() + "ml-latest-small.zip")
                .hasMessageContaining("HTTP 404");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void cutConnectionIsResumedWithARangeRequestInTheSameRun() throws IOException {
        byte[] zip = archive(3);
        server.publish("ml-latest-small.zip", zip).cutAfter(10_000, 1);

        Downloader.Result r = downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE);

        assertThat(r.resumed()).isTrue();
        assertThat(r.md5()).isEqualTo(ArchiveServer.md5(zip));
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 3, 200_000));
        assertThat(server.requests()).containsExactly(new Request("ml-latest-small.zip.md5", null),
                new Request("ml-latest-small.zip", null), new Request("ml-latest-small.zip", "bytes=10000-"));
        assertThat(listing(tmp)).containsExactly("ml-latest-small");
    }

    @Test
    void interruptedRunKeepsThePartAndTheNextRunResumesIt() throws IOException {
        byte[] zip = archive(4);
        server.publish("ml-latest-small.zip", zip).cutAfter(25_000, 1);

        assertThatThrownBy(() -> downloader().maxAttempts(1).build().fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(FetchException.class)
                .hasMessageContaining("25000 bytes kept")
                .hasMessageContaining("run the command again to resume");
        assertThat(listing(tmp)).containsExactly("ml-latest-small.zip.part");
        assertThat(Files.size(tmp.resolve("ml-latest-small.zip.part"))).isEqualTo(25_000);

        Downloader.Result r = downloader().maxAttempts(1).build().fetch(SMALL, tmp, false, ProgressListener.NONE);

        assertThat(r.resumed()).isTrue();
        assertThat(server.requests()).last().isEqualTo(new Request("ml-latest-small.zip", "bytes=25000-"));
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 4, 200_000));
        assertThat(listing(tmp)).containsExactly("ml-latest-small");
    }

    @Test
    void serverIgnoringRangesRestartsCleanly() throws IOException {
        byte[] zip = archive(5);
        server.publish("ml-latest-small.zip", zip).ranges(false).cutAfter(10_000, 1);

        Downloader.Result r = downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE);

        // The second request asked for a range, got a full 200 and rewrote the part from byte 0.
        assertThat(server.requests()).last().isEqualTo(new Request("ml-latest-small.zip", "bytes=10000-"));
        assertThat(r.resumed()).isFalse();
        assertThat(r.bytes()).isEqualTo(zip.length);
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 5, 200_000));
    }

    @Test
    void aPartFromAnotherVersionIsDiscardedNotTrusted() throws IOException {
        byte[] zip = archive(6);
        server.publish("ml-latest-small.zip", zip);
        // 4000 bytes of a different release: the server will happily serve the rest from byte 4000.
        byte[] foreign = archive(7);
        Files.write(tmp.resolve("ml-latest-small.zip.part"), java.util.Arrays.copyOf(foreign, 4000));

        Downloader.Result r = downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE);

        assertThat(server.requests()).extracting(Request::range).containsExactly(null, "bytes=4000-", null);
        assertThat(r.md5()).isEqualTo(ArchiveServer.md5(zip));
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 6, 200_000));
        assertThat(listing(tmp)).containsExactly("ml-latest-small");
    }

    @Test
    void aPartLongerThanTheArchiveIsDiscarded() throws IOException {
        byte[] zip = archive(8);
        server.publish("ml-latest-small.zip", zip);
        Files.write(tmp.resolve("ml-latest-small.zip.part"), new byte[zip.length + 10]);

        downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE);

        // 416 Range Not Satisfiable, then a plain GET.
        assertThat(server.requests()).extracting(Request::range)
                .containsExactly(null, "bytes=" + (zip.length + 10) + "-", null);
        assertUnpacked(tmp, ArchiveServer.syntheticDataset("ml-latest-small", 8, 200_000));
    }

    @Test
    void zipSlipEntriesRejectTheArchiveAndNothingIsWritten() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("ml-latest-small/", "");
        entries.put("ml-latest-small/ok.txt", "fine");
        entries.put("ml-latest-small/../../escaped.txt", "gotcha");
        server.publish("ml-latest-small.zip", ArchiveServer.zip(entries));
        Path dir = tmp.resolve("data");

        assertThatThrownBy(() -> downloader().build().fetch(SMALL, dir, false, ProgressListener.NONE))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("ml-latest-small.zip")
                .hasMessageContaining("'ml-latest-small/../../escaped.txt'")
                .hasMessageContaining("zip slip");
        assertThat(listing(dir)).isEmpty();
        assertThat(listing(tmp)).containsExactly("data");
    }

    @Test
    void absoluteEntryNamesAreRejected() throws IOException {
        server.publish("ml-latest-small.zip", ArchiveServer.zip(Map.of("/tmp/abs.txt", "x")));
        assertThatThrownBy(() -> downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("zip slip");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void corruptArchiveWithMatchingChecksumIsAFormatError() throws IOException {
        server.publish("ml-latest-small.zip", "this is not a zip".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> downloader().build().fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("ml-latest-small.zip")
                .hasMessageContaining("not a valid zip archive");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void stalledServerTimesOut() throws IOException {
        server.publish("ml-latest-small.zip", archive(9)).stallAfter(1000);
        Downloader d = downloader().readTimeout(Duration.ofMillis(300)).maxAttempts(1).build();

        assertThatThrownBy(() -> d.fetch(SMALL, tmp, false, ProgressListener.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("timed out");
        // What arrived before the stall is kept for a resume, nothing else.
        assertThat(listing(tmp)).containsExactly("ml-latest-small.zip.part");
    }

    @Test
    void unreachableServerIsNamed() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/movielens/";
        assertThatThrownBy(() -> Downloader.builder().mirror(base).build().fetch(SMALL, tmp, false,
                ProgressListener.NONE))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot fetch " + base + "ml-latest-small.zip.md5: cannot connect");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void parsesTheChecksumFileFormats() throws FetchException {
        String h = "0123456789abcdef0123456789abcdef";
        assertThat(Downloader.parseMd5("MD5 (ml-1m.zip) = " + h + "\n", "ml-1m.zip", "s")).isEqualTo(h);
        assertThat(Downloader.parseMd5(h.toUpperCase() + "  ml-1m.zip\n", "ml-1m.zip", "s")).isEqualTo(h);
        assertThat(Downloader.parseMd5(h + " *ml-1m.zip\n", "ml-1m.zip", "s")).isEqualTo(h);
        assertThat(Downloader.parseMd5(h + "\n", "ml-1m.zip", "s")).isEqualTo(h);
        assertThatThrownBy(() -> Downloader.parseMd5("MD5 (ml-100k.zip) = " + h, "ml-1m.zip", "u.md5"))
                .hasMessageContaining("u.md5").hasMessageContaining("'ml-100k.zip', not ml-1m.zip");
        assertThatThrownBy(() -> Downloader.parseMd5("<html>not found</html>", "ml-1m.zip", "u.md5"))
                .hasMessageContaining("u.md5: not a checksum file");
    }

    @Test
    void mirrorSettings() {
        assertThat(Downloader.builder().build().base()).isEqualTo(Downloader.OFFICIAL_BASE);
        assertThat(Downloader.OFFICIAL_BASE.getScheme()).isEqualTo("https");
        assertThat(Downloader.builder().mirror("http://127.0.0.1:8080/ml").build().base().toString())
                .isEqualTo("http://127.0.0.1:8080/ml/");
        assertThat(Downloader.builder().mirrorFromEnvironment(Map.of(Downloader.MIRROR_ENV, "https://m.example/x/"))
                .build().archiveUri(MovieLensArchive.ML_1M).toString()).isEqualTo("https://m.example/x/ml-1m.zip");
        assertThat(Downloader.builder().mirrorFromEnvironment(Map.of()).build().base())
                .isEqualTo(Downloader.OFFICIAL_BASE);
        assertThatThrownBy(() -> Downloader.builder().mirror("ftp://example.org/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://example.org/");
        assertThatThrownBy(() -> Downloader.builder().mirror("not a url"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not a url'");
        assertThat(Downloader.builder().mirror("http://127.0.0.1/").build().plainHttpToRemoteHost()).isFalse();
        assertThat(Downloader.builder().mirror("http://10.1.2.3/").build().plainHttpToRemoteHost()).isTrue();
        assertThat(Downloader.builder().build().plainHttpToRemoteHost()).isFalse();
        assertThatThrownBy(() -> Downloader.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    @Test
    void archiveNames() {
        assertThat(MovieLensArchive.byName("ML-1M")).isEqualTo(MovieLensArchive.ML_1M);
        assertThat(MovieLensArchive.byName("ml-10M100K")).isEqualTo(MovieLensArchive.ML_10M);
        assertThat(MovieLensArchive.ML_10M.fileName()).isEqualTo("ml-10m.zip");
        assertThat(MovieLensArchive.ML_10M.directoryName()).isEqualTo("ml-10M100K");
        assertThatThrownBy(() -> MovieLensArchive.byName("ml-2m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ml-2m'").hasMessageContaining("ml-100k, ml-1m, ml-10m");
        for (MovieLensArchive a : MovieLensArchive.values()) {
            if (a.knownMd5() != null) {
                assertThat(a.knownMd5()).as(a.archiveName()).matches("[0-9a-f]{32}");
            }
        }
    }

    /** Counts downloaded bytes and remembers task names. */
    private static final class RecordingProgress implements ProgressListener {
        final List<String> tasks = new java.util.ArrayList<>();
        long downloaded;
        private String current;

        @Override
        public void start(String task, long total) {
            tasks.add(task);
            current = task;
        }

        @Override
        public void advance(long steps) {
            if (current.startsWith("download")) {
                downloaded += steps;
            }
        }

        @Override
        public void done() {
        }
    }
}

package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.ArchiveServer;

/** {@code movierec data fetch} end to end against a local server serving synthetic archives. */
class DataFetchCommandTest {
    private final ArchiveServer server = new ArchiveServer();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, String> dataset(int seed) {
        return ArchiveServer.syntheticDataset("ml-latest-small", seed, 50_000);
    }

    private static String[] listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void fetchesThenSkipsThenForces() throws IOException {
        byte[] zip = ArchiveServer.zip(dataset(1));
        server.publish("ml-latest-small.zip", zip);
        Path dir = tmp.resolve("data");
        String mirror = server.base().toString();

        assertThat(Main.execute("data", "fetch", "ml-latest-small", "--dir", dir.toString(), "--mirror", mirror))
                .isZero();
        assertThat(listing(dir)).containsExactly("ml-latest-small");
        assertThat(Files.readString(dir.resolve("ml-latest-small/u.data")))
                .isEqualTo(dataset(1).get("ml-latest-small/u.data"));

        Cli.Result again = Cli.run("data", "fetch", "ml-latest-small", "--dir", dir.toString(), "--mirror", mirror);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already in").contains("--force");

        server.publish("ml-latest-small.zip", ArchiveServer.zip(dataset(2)));
        Cli.Result forced = Cli.run("data", "fetch", "ml-latest-small", "--dir", dir.toString(), "--mirror", mirror,
                "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("fetched ml-latest-small.zip").contains("verified")
                .contains(dir.resolve("ml-latest-small").toString());
        assertThat(Files.readString(dir.resolve("ml-latest-small/u.data")))
                .isEqualTo(dataset(2).get("ml-latest-small/u.data"));
    }

    @Test
    void fetchedDirectoryCanBeInspected() throws IOException {
        server.publish("ml-latest-small.zip", ArchiveServer.zip(dataset(1)));
        assertThat(Cli.run("data", "fetch", "ml-latest-small", "--dir", tmp.toString(),
                "--mirror", server.base().toString()).exitCode()).isZero();

        Cli.Result info = Cli.run("data", "info", tmp.resolve("ml-latest-small").toString(), "--format", "json");

        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(info.out());
        // syntheticDataset(seed 1) leaves out (u, i) with (u + i + 1) % 3 == 0: (1,1) (1,4) (2,3) (3,2) of 3 x 4
        assertThat(j.get("users").asInt()).isEqualTo(3);
        assertThat(j.get("movies").asInt()).isEqualTo(4);
        assertThat(j.get("ratings").asInt()).isEqualTo(12 - 4);
    }

    @Test
    void checksumMismatchIsOneLineAndLeavesNothing() throws IOException {
        byte[] zip = ArchiveServer.zip(dataset(1));
        server.put("ml-latest-small.zip", zip);
        server.put("ml-latest-small.zip.md5", "MD5 (ml-latest-small.zip) = 00000000000000000000000000000000\n"
                .getBytes(StandardCharsets.US_ASCII));
        Path dir = tmp.resolve("data");

        Cli.Result r = Cli.run("data", "fetch", "ml-latest-small", "--dir", dir.toString(),
                "--mirror", server.base().toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("error: checksum mismatch for ml-latest-small.zip")
                .contains("expected MD5 00000000000000000000000000000000")
                .contains("got " + ArchiveServer.md5(zip));
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void userErrorsExitWithTwo() {
        Cli.Result unknown = Cli.run("data", "fetch", "ml-7k", "--dir", tmp.toString(),
                "--mirror", server.base().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown dataset 'ml-7k'").contains("ml-100k");

        Cli.Result missing = Cli.run("data", "fetch", "ml-32m", "--dir", tmp.toString(),
                "--mirror", server.base().toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: no checksum for ml-32m.zip");

        server.publish("ml-latest-small.zip", new byte[10]).remove("ml-latest-small.zip");
        Cli.Result notFound = Cli.run("data", "fetch", "ml-latest-small", "--dir", tmp.toString(),
                "--mirror", server.base().toString());
        assertThat(notFound.exitCode()).isEqualTo(2);
        assertThat(notFound.err()).contains("HTTP 404");

        Cli.Result badMirror = Cli.run("data", "fetch", "ml-latest-small", "--dir", tmp.toString(),
                "--mirror", "ftp://example.org/");
        assertThat(badMirror.exitCode()).isEqualTo(2);
        assertThat(badMirror.err()).contains("ftp://example.org/");
    }
}

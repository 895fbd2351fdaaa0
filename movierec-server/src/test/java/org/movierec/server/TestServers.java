package org.movierec.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.MovieLensWriter;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Shared test data: a synthetic dataset written as files (400 users, 600 movies, 24,000 ratings)
 * and biased-MF models trained on it, made once per test JVM under {@code target/}; plus a small
 * HTTP client.
 */
final class TestServers {
    static final Path ROOT = Path.of("target", "server-fixture").toAbsolutePath();
    static final String ADMIN = "admin-token-for-tests";
    private static Path data;
    private static Path modelA;
    private static Path modelB;

    private TestServers() {
    }

    static synchronized Path dataDir() throws IOException {
        if (data == null) {
            Path dir = ROOT.resolve("data");
            if (!Files.exists(dir.resolve("ratings.csv"))) {
                Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(400, 600, 24_000, 7));
                Files.createDirectories(dir);
                MovieLensWriter.write(d, MovieLensWriter.Format.CSV, dir);
            }
            data = dir;
        }
        return data;
    }

    /** Biased MF, 16 factors, 30 epochs, seed 1. */
    static synchronized Path modelA() throws IOException {
        if (modelA == null) {
            modelA = train("model-a.bin", 1, 30);
        }
        return modelA;
    }

    /** Another biased MF (seed 2, 20 epochs): its lists differ from model A's. */
    static synchronized Path modelB() throws IOException {
        if (modelB == null) {
            modelB = train("model-b.bin", 2, 20);
        }
        return modelB;
    }

    private static Path train(String name, long seed, int epochs) throws IOException {
        Path out = ROOT.resolve(name);
        if (!Files.exists(out)) {
            Dataset d = DatasetReader.read(dataDir());
            var trainer = AlgorithmRegistry.create("biased-mf", Map.of("factors", "16", "epochs", Integer.toString(epochs),
                    "seed", Long.toString(seed)));
            Model m = Training.fit(trainer, d, null, "all", ProgressListener.NONE);
            ModelIO.save(m, d, out);
        }
        return out;
    }

    /** A copy of model A that a test may overwrite (retrain, reload). */
    static Path modelCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("model.bin");
        Files.copy(modelA(), p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    static MovieServer start(Path dir, double rateLimit) throws IOException {
        Path model = modelCopy(dir);
        Path db = dir.resolve("store.db");
        Files.deleteIfExists(db);
        MovieServer.Config c = MovieServer.Config.defaults(model, dataDir()).withPort(0).withDb("jdbc:sqlite:" + db)
                .withAdminToken(ADMIN).withRateLimit(rateLimit);
        return MovieServer.start(c);
    }

    /** A response: status and body (parsed when JSON). */
    record Resp(int status, String body, JsonNode json) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Resp call(int port, String method, String path, String body, String token) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode j = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.startsWith("application/json") && !r.body().isEmpty()) {
                j = JSON.readTree(r.body());
            }
            return new Resp(r.statusCode(), r.body(), j);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static Resp get(int port, String path) throws IOException {
        return call(port, "GET", path, null, null);
    }
}

package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Training;
import org.movierec.server.TestServers.Resp;
import org.movierec.util.ProgressListener;

/**
 * The server on a user's own data with string ids (a shop's customers and SKUs, never MovieLens):
 * users and items are addressed by the ids of the data file, and a retraining on a grown file keeps
 * the int movie ids that clients and the store already hold, though the string ids sort the new item
 * in between.
 */
class OwnDataServerTest {
    @TempDir
    Path tmp;

    static final Map<String, String> COLUMNS = Map.of("user", "customer", "item", "sku", "rating", "stars");

    /** 30 customers rate 12 products (sku-10..sku-21) on 1..10 stars, deterministic. */
    static String reviews(boolean withNewItem) {
        StringBuilder b = new StringBuilder("customer,sku,stars\n");
        for (int u = 0; u < 30; u++) {
            for (int i = 10; i < 22; i++) {
                if ((u * 7 + i * 3) % 4 != 0) {
                    b.append("cust-").append((char) ('a' + u % 26)).append(u).append(",sku-").append(i).append(',')
                            .append(1 + (u * 5 + i * 3) % 10).append('\n');
                }
            }
            if (withNewItem && u % 2 == 0) {
                // "sku-0" sorts before every other sku: by name order it would take the first int id
                b.append("cust-").append((char) ('a' + u % 26)).append(u).append(",sku-0,").append(1 + u % 10)
                        .append('\n');
            }
        }
        return b.toString();
    }

    DataSource source(Path file) {
        return new DataSource(file, ReadOptions.DEFAULTS, InteractionsSpec.of(COLUMNS));
    }

    /** A small biased-mf trained on {@code d} (read from {@code file}), saved to {@code model} and served with a SQLite store. */
    MovieServer serve(Path file, Dataset d, Path model, String db) throws Exception {
        Model m = Training.fit(AlgorithmRegistry.create("biased-mf", Map.of("factors", "4", "epochs", "5")), d, null,
                "all", ProgressListener.NONE);
        ModelIO.save(m, d, model);
        return MovieServer.start(MovieServer.Config.defaults(model, source(file)).withPort(0)
                .withDb("jdbc:sqlite:" + tmp.resolve(db)).withAdminToken(TestServers.ADMIN));
    }

    @Test
    void stringIdsInPathsAndAnswersAndARetrainingKeepsTheMovieIds() throws Exception {
        Path file = tmp.resolve("reviews.csv");
        Files.writeString(file, reviews(false));
        Dataset d = source(file).read();
        assertThat(d.movies().ids().hasNames()).isTrue();
        Path model = tmp.resolve("model.bin");
        try (MovieServer server = serve(file, d, model, "store.db")) {
            int port = server.port();
            Resp movie = TestServers.get(port, "/api/movies/sku-15");
            assertThat(movie.status()).as(movie.body()).isEqualTo(200);
            assertThat(movie.json().path("key").asText()).isEqualTo("sku-15");
            int sku15 = movie.json().path("movieId").asInt();
            assertThat(TestServers.get(port, "/api/movies/" + sku15).json().path("key").asText()).isEqualTo("sku-15");
            Resp unknown = TestServers.get(port, "/api/movies/sku-99");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("error").asText()).contains("sku-99");

            Resp user = TestServers.get(port, "/api/users/cust-c2");
            assertThat(user.status()).as(user.body()).isEqualTo(200);
            assertThat(user.json().path("key").asText()).isEqualTo("cust-c2");
            assertThat(user.json().path("source").asText()).isEqualTo("model");
            Resp recs = TestServers.get(port, "/api/users/cust-c2/recommendations?k=3");
            assertThat(recs.status()).as(recs.body()).isEqualTo(200);
            assertThat(recs.json().path("recommendations")).hasSize(3);
            for (JsonNode r : recs.json().path("recommendations")) {
                assertThat(r.path("key").asText()).startsWith("sku-");
            }

            // a new customer rates two products by their skus
            Resp created = TestServers.call(port, "POST", "/api/users", "{\"name\":\"new\"}", null);
            long id = created.json().path("userId").asLong();
            String token = created.json().path("token").asText();
            for (String sku : List.of("sku-15", "sku-20")) {
                Resp r = TestServers.call(port, "PUT", "/api/users/" + id + "/ratings/" + sku, "{\"rating\":9}", token);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().path("key").asText()).isEqualTo(sku);
            }
            Map<String, Integer> before = movieIds(port, d);

            // request bodies and lists take the keys too
            Resp anon = TestServers.call(port, "POST", "/api/recommendations",
                    "{\"k\":3,\"ratings\":[{\"key\":\"sku-15\",\"rating\":9},{\"movieId\":" + before.get("sku-20")
                            + ",\"rating\":2}]}", null);
            assertThat(anon.status()).as(anon.body()).isEqualTo(200);
            assertThat(keys(anon.json())).hasSize(3).doesNotContain("sku-15", "sku-20");
            Resp badKey = TestServers.call(port, "POST", "/api/recommendations",
                    "{\"ratings\":[{\"key\":\"sku-99\",\"rating\":9}]}", null);
            assertThat(badKey.status()).isEqualTo(404);
            assertThat(badKey.json().path("error").asText()).isEqualTo("ratings[0]: unknown movie 'sku-99'");
            Resp like = TestServers.get(port, "/api/users/cust-c2/recommendations?k=3&like=sku-11,sku-12");
            assertThat(like.status()).as(like.body()).isEqualTo(200);
            assertThat(keys(like.json())).hasSize(3).doesNotContain("sku-11", "sku-12");
            assertThat(TestServers.get(port, "/api/users/cust-c2/recommendations?like=sku-99").status()).isEqualTo(404);

            // the file grows by an item whose name sorts first; retrain through the admin call
            Files.writeString(file, reviews(true));
            Resp rt = TestServers.call(port, "POST", "/api/admin/retrain", null, TestServers.ADMIN);
            assertThat(rt.status()).as(rt.body()).isEqualTo(200);
            assertThat(rt.json().path("storedRatings").asInt()).isEqualTo(2);
            assertThat(rt.json().path("skippedRatings").asInt()).isZero();
            Dataset now = server.snapshot().train();
            assertThat(now.numItems()).isEqualTo(13);
            assertThat(movieIds(port, d)).isEqualTo(before);
            int newId = TestServers.get(port, "/api/movies/sku-0").json().path("movieId").asInt();
            assertThat(newId).isEqualTo(before.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1);
            // the stored ratings landed on the products they were made for
            IdIndex users = now.users().ids();
            int u = users.indexOf((int) id);
            assertThat(u).isGreaterThanOrEqualTo(0);
            assertThat(users.name(u)).isEqualTo(Long.toString(id));
            List<String> rated = new ArrayList<>();
            for (int p = now.interactions().userStart(u); p < now.interactions().userEnd(u); p++) {
                rated.add(now.movies().ids().name(now.interactions().item(p)));
            }
            assertThat(rated).containsExactlyInAnyOrder("sku-15", "sku-20");
            Resp ratings = TestServers.call(port, "GET", "/api/users/" + id + "/ratings", null, token);
            assertThat(ratings.json().path("ratings").findValuesAsText("key")).containsExactlyInAnyOrder("sku-15",
                    "sku-20");

            // and the model file written by the retraining loads with the same ids
            ModelIO.Saved saved = ModelIO.load(model);
            assertThat(saved.train().movies().ids().externalId(saved.train().movies().ids().indexOfName("sku-15")))
                    .isEqualTo(sku15);
            assertThat(saved.train().users().ids().indexOf((int) id)).isEqualTo(u);
        }
    }

    /** The recommended items' keys (not their explanations'). */
    private static List<String> keys(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("recommendations").forEach(r -> out.add(r.path("key").asText()));
        return out;
    }

    private static Map<String, Integer> movieIds(int port, Dataset d) throws Exception {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (int i = 0; i < d.numItems(); i++) {
            String sku = d.movies().ids().name(i);
            out.put(sku, TestServers.get(port, "/api/movies/" + sku).json().path("movieId").asInt());
        }
        return out;
    }

    /**
     * Numeric customer ids that reach the store's range (1,000,001 up): a user created through the API
     * gets an id above the largest of them, the dataset's users keep answering as themselves, and a
     * retraining merges without a clash.
     */
    @Test
    void newUsersGetIdsAboveADatasetsLargeNumericIds() throws Exception {
        StringBuilder b = new StringBuilder("customer,sku,stars\n");
        for (int u = 0; u < 30; u++) {
            long cust = u % 3 == 0 ? Store.FIRST_USER_ID + u : u + 1;
            for (int i = 10; i < 22; i++) {
                if ((u * 7 + i * 3) % 4 != 0) {
                    b.append(cust).append(",sku-").append(i).append(',').append(1 + (u * 5 + i * 3) % 10).append('\n');
                }
            }
        }
        Path file = tmp.resolve("numeric.csv");
        Files.writeString(file, b.toString());
        Dataset d = source(file).read();
        assertThat(d.users().ids().indexOf((int) Store.FIRST_USER_ID)).isGreaterThanOrEqualTo(0);
        long largest = Store.FIRST_USER_ID + 27;
        try (MovieServer server = serve(file, d, tmp.resolve("numeric.bin"), "numeric.db")) {
            int port = server.port();
            Resp created = TestServers.call(port, "POST", "/api/users", "{\"name\":\"new\"}", null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("userId").asLong();
            assertThat(id).isEqualTo(largest + 1);
            String token = created.json().path("token").asText();
            Resp r = TestServers.call(port, "PUT", "/api/users/" + id + "/ratings/sku-15", "{\"rating\":9}", token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Resp first = TestServers.get(port, "/api/users/" + Store.FIRST_USER_ID);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().path("source").asText()).isEqualTo("model");
            assertThat(TestServers.get(port, "/api/users/" + id).json().path("source").asText()).isEqualTo("store");
            Resp rt = TestServers.call(port, "POST", "/api/admin/retrain", null, TestServers.ADMIN);
            assertThat(rt.status()).as(rt.body()).isEqualTo(200);
            assertThat(rt.json().path("storedRatings").asInt()).isEqualTo(1);
            assertThat(server.snapshot().train().users().ids().indexOf((int) id)).isGreaterThanOrEqualTo(0);
            // a second new user, after the retraining, still lands above every dataset id
            Resp again = TestServers.call(port, "POST", "/api/users", "{\"name\":\"two\"}", null);
            assertThat(again.json().path("userId").asLong()).isEqualTo(largest + 2);
        }
    }

    @Test
    void aDatasetUserWithAStoreIdIsAnErrorNotAMerge() throws Exception {
        // a MovieLens-style dataset whose user ids reach the store's range
        int[] ext = {7, (int) Store.FIRST_USER_ID};
        var b = new org.movierec.data.Interactions.Builder(2, 2, 2);
        b.add(0, 0, 4, 0);
        b.add(1, 1, 3, 0);
        Dataset base = new Dataset("big", org.movierec.data.Users.withoutDemographics(IdIndex.of(ext)),
                org.movierec.data.Movies.idsOnly(IdIndex.of(1, 2)), b.build(true),
                new org.movierec.data.RatingScale(1, 5, 1));
        List<Store.Rating> stored = List.of(new Store.Rating(Store.FIRST_USER_ID, 2, 5f, 0L));
        assertThatThrownBy(() -> Retrainer.merge(base, base, stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset user '" + Store.FIRST_USER_ID + "'")
                .hasMessageContaining("store ids start at");
    }
}

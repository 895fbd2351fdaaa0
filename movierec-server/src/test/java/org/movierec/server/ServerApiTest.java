package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.server.TestServers.Resp;

class ServerApiTest {
    static MovieServer server;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        server = TestServers.start(TestServers.ROOT.resolve("api"), 0);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Resp call(String method, String path, String body, String token) throws IOException {
        Resp r = TestServers.call(port, method, path, body, token);
        assertNoLeak(r);
        return r;
    }

    private static void assertNoLeak(Resp r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
    }

    /** Creates a user; returns [id, token]. */
    private static String[] newUser(String genres) throws IOException {
        Resp r = call("POST", "/api/users", "{\"name\":\"ann\",\"genres\":[" + genres + "]}", null);
        assertThat(r.status()).isEqualTo(201);
        return new String[] {r.json().get("userId").asText(), r.json().get("token").asText()};
    }

    private static List<Integer> ids(JsonNode recs) {
        List<Integer> out = new ArrayList<>();
        recs.path("recommendations").forEach(n -> out.add(n.get("movieId").asInt()));
        return out;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteAnswers() throws IOException {
        Resp doc = call("GET", "/openapi.json", null, null);
        assertThat(doc.status()).isEqualTo(200);
        List<MovieServer.Route> documented = MovieServer.documentedRoutes(doc.body().getBytes(StandardCharsets.UTF_8));
        assertThat(new HashSet<>(documented)).isEqualTo(new HashSet<>(server.routes()));
        assertThat(documented).hasSameSizeAs(server.routes());
        // each documented route exists: with sample parameters it never answers "no such resource" or 405
        String[] user = newUser("");
        for (MovieServer.Route r : documented) {
            String path = r.path().replace("{userId}", user[0]).replace("{movieId}", "1");
            if (path.endsWith("/search")) {
                path += "?q=synthetic";
            }
            String body = r.method().equals("GET") || r.method().equals("DELETE") ? null
                    : path.contains("/ratings/") ? "{\"rating\":4}" : "{}";
            String token = path.startsWith("/api/admin") ? TestServers.ADMIN : user[1];
            if (path.equals("/api/admin/retrain")) {
                continue; // answered in RetrainAndSwapTest (slow)
            }
            Resp resp = call(r.method(), path, body, token);
            assertThat(resp.status()).as(r.toString()).isIn(200, 201, 204);
        }
    }

    @Test
    void newUserGetsPopularMoviesOfTheirGenresThenPersonalOnesAfterRating() throws IOException {
        String[] drama = newUser("\"Drama\"");
        String[] horror = newUser("\"Horror\"");
        JsonNode d = call("GET", "/api/users/" + drama[0] + "/recommendations?k=10", null, null).json();
        JsonNode h = call("GET", "/api/users/" + horror[0] + "/recommendations?k=10", null, null).json();
        assertThat(d.get("strategy").asText()).isEqualTo("popular");
        assertThat(ids(d)).hasSize(10).isNotEqualTo(ids(h));
        d.get("recommendations").forEach(n -> {
            assertThat(n.get("genres").toString()).contains("Drama");
            assertThat(n.get("reason").asText()).isEqualTo("popular with fans of Drama");
        });
        // rate five movies: the next answer is personal (fold-in), excludes them, and explains itself
        List<Integer> rated = ids(d).subList(0, 5);
        for (int m : rated) {
            Resp r = call("PUT", "/api/users/" + drama[0] + "/ratings/" + m, "{\"rating\":5}", drama[1]);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("rating").asDouble()).isEqualTo(5.0);
        }
        JsonNode p = call("GET", "/api/users/" + drama[0] + "/recommendations?k=10", null, null).json();
        assertThat(p.get("strategy").asText()).isEqualTo("fold-in");
        assertThat(ids(p)).hasSize(10).doesNotContainAnyElementsOf(rated);
        int becauseLiked = 0;
        for (JsonNode n : p.get("recommendations")) {
            // every recommendation names the favourite nearest to it, with the similarity
            JsonNode because = n.get("because");
            assertThat(rated).contains(because.get("movieId").asInt());
            String title = because.get("title").asText();
            if (because.get("similarity").asDouble() > 0) {
                assertThat(n.get("reason").asText()).isEqualTo("because you liked " + title);
                becauseLiked++;
            } else {
                assertThat(n.get("reason").asText()).isEqualTo("rated highly by many viewers (nearest of your "
                        + "favourites: " + title + ")");
            }
        }
        assertThat(becauseLiked).isGreaterThanOrEqualTo(5);
        // excludeSeen=false may bring rated movies back; the ratings list shows all five
        JsonNode mine = call("GET", "/api/users/" + drama[0] + "/ratings", null, null).json();
        assertThat(mine.get("ratings")).hasSize(5);
        // change one and delete one
        assertThat(call("PUT", "/api/users/" + drama[0] + "/ratings/" + rated.get(0), "{\"rating\":2}", drama[1])
                .status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/users/" + drama[0] + "/ratings/" + rated.get(1), null, drama[1]).status())
                .isEqualTo(204);
        mine = call("GET", "/api/users/" + drama[0] + "/ratings", null, null).json();
        assertThat(mine.get("ratings")).hasSize(4);
        assertThat(mine.get("ratings").findValues("movieId").stream().map(JsonNode::asInt).toList())
                .doesNotContain(rated.get(1));
        assertThat(server.store().ratings(Long.parseLong(drama[0]))).hasSize(4)
                .anySatisfy(r -> {
                    assertThat(r.movieId()).isEqualTo(rated.get(0));
                    assertThat(r.rating()).isEqualTo(2f);
                });
        assertThat(call("DELETE", "/api/users/" + drama[0] + "/ratings/" + rated.get(1), null, drama[1]).status())
                .isEqualTo(404);
    }

    @Test
    void filtersByGenreAndYearAndUsersOfTheModelAreServed() throws IOException {
        JsonNode r = call("GET", "/api/users/1/recommendations?k=20&genres=Comedy&yearFrom=1990&yearTo=1999", null, null)
                .json();
        assertThat(r.get("strategy").asText()).isEqualTo("model");
        assertThat(r.get("recommendations")).isNotEmpty();
        r.get("recommendations").forEach(n -> {
            assertThat(n.get("genres").toString()).contains("Comedy");
            assertThat(n.get("year").asInt()).isBetween(1990, 1999);
        });
        // excludeSeen: nothing user 1 rated comes back; with excludeSeen=false the top list may differ
        Set<Integer> seen = new HashSet<>(call("GET", "/api/users/1/ratings", null, null).json().findValues("movieId")
                .stream().map(JsonNode::asInt).toList());
        assertThat(seen).isNotEmpty();
        assertThat(ids(call("GET", "/api/users/1/recommendations?k=50", null, null).json()))
                .doesNotContainAnyElementsOf(seen);
        List<Integer> withSeen = ids(call("GET", "/api/users/1/recommendations?k=50&excludeSeen=false", null, null)
                .json());
        assertThat(withSeen).containsAnyElementsOf(seen);
        // "more like these": movies 50 and 51 count as top ratings, fold-in, and are not recommended back
        JsonNode more = call("GET", "/api/users/1/recommendations?k=10&like=50,51", null, null).json();
        assertThat(more.get("strategy").asText()).isEqualTo("fold-in");
        assertThat(ids(more)).hasSize(10).doesNotContain(50, 51).doesNotContainAnyElementsOf(seen);
    }

    @Test
    void anonymousFoldInAndDislikesPushSimilarMoviesDown() throws IOException {
        // movie D's nearest neighbours, by the model
        int d = 10;
        JsonNode sim = call("GET", "/api/movies/" + d + "/similar?k=10", null, null).json();
        List<Integer> neighbours = new ArrayList<>();
        sim.get("similar").forEach(n -> neighbours.add(n.get("movieId").asInt()));
        assertThat(neighbours).hasSize(10).doesNotContain(d);
        String base = "{\"movieId\":1,\"rating\":5},{\"movieId\":2,\"rating\":5},{\"movieId\":3,\"rating\":4}";
        double without = meanScore(base, neighbours);
        double disliked = meanScore(base + ",{\"movieId\":" + d + ",\"rating\":1}", neighbours);
        double liked = meanScore(base + ",{\"movieId\":" + d + ",\"rating\":5}", neighbours);
        assertThat(disliked).isLessThan(without);
        assertThat(liked).isGreaterThan(without);
    }

    /** Mean fold-in score of the given movies, from a full-catalogue anonymous list. */
    private static double meanScore(String ratings, List<Integer> movies) throws IOException {
        Resp r = call("POST", "/api/recommendations", "{\"k\":100,\"ratings\":[" + ratings + "]}", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("strategy").asText()).isEqualTo("fold-in");
        // scores of the movies that made the list; the rest count as the list's lowest score
        double low = Double.POSITIVE_INFINITY;
        java.util.Map<Integer, Double> s = new java.util.HashMap<>();
        for (JsonNode n : r.json().get("recommendations")) {
            s.put(n.get("movieId").asInt(), n.get("score").asDouble());
            low = Math.min(low, n.get("score").asDouble());
        }
        double sum = 0;
        for (int m : movies) {
            sum += s.getOrDefault(m, low);
        }
        return sum / movies.size();
    }

    @Test
    void tokensGuardWritesAndAdminCalls() throws IOException {
        String[] a = newUser("");
        String[] b = newUser("");
        String path = "/api/users/" + a[0] + "/ratings/1";
        assertThat(call("PUT", path, "{\"rating\":4}", null).status()).isEqualTo(401);
        Resp forbidden = call("PUT", path, "{\"rating\":4}", b[1]);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText()).contains("may not change the ratings of user " + a[0]);
        assertThat(call("PUT", path, "{\"rating\":4}", "not-a-token").status()).isEqualTo(403);
        assertThat(call("DELETE", path, null, b[1]).status()).isEqualTo(403);
        assertThat(call("PUT", path, "{\"rating\":4}", a[1]).status()).isEqualTo(200);
        assertThat(call("POST", "/api/admin/reload", null, null).status()).isEqualTo(401);
        assertThat(call("POST", "/api/admin/reload", null, a[1]).status()).isEqualTo(403);
        assertThat(call("POST", "/api/admin/retrain", null, a[1]).status()).isEqualTo(403);
        // users of the training data have no token: nobody may write for them
        assertThat(call("PUT", "/api/users/1/ratings/1", "{\"rating\":4}", a[1]).status()).isEqualTo(403);
    }

    @Test
    void badInputGetsClearJsonErrors() throws IOException {
        String[] u = newUser("");
        String recs = "/api/users/" + u[0] + "/recommendations";
        expect(call("GET", recs + "?k=0", null, null), 400, "k must be an integer in 1..100, got '0'");
        expect(call("GET", recs + "?k=101", null, null), 400, "k must be an integer in 1..100");
        expect(call("GET", recs + "?k=ten", null, null), 400, "k must be an integer in 1..100, got 'ten'");
        expect(call("GET", recs + "?genres=Westerns", null, null), 400, "unknown genre 'Westerns'");
        expect(call("GET", recs + "?yearFrom=2000&yearTo=1990", null, null), 400, "yearFrom 2000 is after yearTo 1990");
        expect(call("GET", "/api/users/999999999/recommendations", null, null), 404, "unknown user 999999999");
        expect(call("GET", "/api/users/abc/ratings", null, null), 400, "userId must be an integer, got 'abc'");
        expect(call("GET", "/api/movies/987654", null, null), 404, "unknown movie 987654");
        expect(call("GET", "/api/movies/x%27%3B%20DROP%20TABLE%20users%3B--", null, null), 400, "movieId must be an integer");
        String rate = "/api/users/" + u[0] + "/ratings/1";
        expect(call("PUT", rate, "{\"rating\":6}", u[1]), 400, "rating 6 is off the scale 0.5..5.0 (step 0.5)");
        expect(call("PUT", rate, "{\"rating\":0}", u[1]), 400, "is off the scale");
        expect(call("PUT", rate, "{\"rating\":3.25}", u[1]), 400, "rating 3.25 is off the scale");
        expect(call("PUT", rate, "{\"rating\":\"five\"}", u[1]), 400, "rating must be a number");
        expect(call("PUT", rate, "{\"rating\":4", u[1]), 400, "malformed JSON");
        expect(call("PUT", rate, "[4]", u[1]), 400, "the JSON body must be an object");
        expect(call("PUT", "/api/users/" + u[0] + "/ratings/987654", "{\"rating\":4}", u[1]), 404,
                "unknown movie 987654");
        expect(call("POST", "/api/recommendations", "{\"ratings\":[{\"movieId\":1,\"rating\":9}]}", null), 400,
                "ratings[0].rating 9 is off the scale");
        expect(call("POST", "/api/recommendations", "{\"k\":1000}", null), 400, "k must be an integer in 1..100");
        expect(call("POST", "/api/users", "{\"genres\":[\"Nope\"]}", null), 400, "unknown genre 'Nope'");
        String big = "{\"name\":\"" + "x".repeat(100_000) + "\"}";
        expect(call("POST", "/api/users", big, null), 413, "request body too large");
        expect(call("GET", "/api/nothing-here", null, null), 404, "not found");
        expect(call("PATCH", "/api/movies/1", "{}", null), 405, "Method Not Allowed");
        expect(call("GET", "/api/movies/search", null, null), 400, "q (the title to search for) is required");
        // nothing was stored by the rejected writes
        assertThat(server.store().ratings(Long.parseLong(u[0]))).isEmpty();
        assertThat(server.store().userCount()).isPositive();
    }

    private static void expect(Resp r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json()).as(r.body()).isNotNull();
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(message);
    }

    @Test
    void servesTheWebPageAndNothingOutsideIt() throws IOException {
        Resp page = call("GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html").contains("movierec");
        assertThat(call("GET", "/app.js", null, null).status()).isEqualTo(200);
        String[] attacks = {
            "/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/../../../../etc/passwd", "/..\\..\\etc\\passwd", "/web/../org/movierec/server/MovieServer.class",
            "/../org/movierec/server/MovieServer.class", "/%2e%2e/org/movierec/server/MovieServer.class",
            "/org/movierec/server/MovieServer.class", "/openapi.json/../../etc/passwd", "/%252e%252e/etc/passwd",
            "/....//....//etc/passwd", "/index.html%00.js", "/META-INF/MANIFEST.MF", "/logback.xml",
        };
        for (String a : attacks) {
            RawResp r = raw("GET " + a + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(r.status).as(a).isIn(400, 404);
            assertThat(r.body).as(a).doesNotContain("root:x").doesNotContain("\u00ca\u00fe\u00ba\u00be")
                    .doesNotContain("<artifactId>").doesNotContain("Exception");
        }
    }

    record RawResp(int status, String body) {
    }

    private static RawResp raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int sp = all.indexOf(' ');
            int status = Integer.parseInt(all.substring(sp + 1, sp + 4));
            int b = all.indexOf("\r\n\r\n");
            return new RawResp(status, b < 0 ? "" : all.substring(b + 4));
        }
    }

    @Test
    void searchFindsPrefixesAndTypos() throws IOException {
        JsonNode r = call("GET", "/api/movies/search?q=synthetic%20movie%2012&limit=5", null, null).json();
        assertThat(r.get("movies").get(0).get("title").asText()).startsWith("Synthetic Movie 12");
        JsonNode typo = call("GET", "/api/movies/search?q=sinthetic%20movei%20123", null, null).json();
        assertThat(typo.get("movies").findValues("title").stream().map(JsonNode::asText).toList())
                .anyMatch(t -> t.startsWith("Synthetic Movie 123 "));
    }

    @Test
    void detailsHealthAndMetrics() throws IOException {
        JsonNode m = call("GET", "/api/movies/5", null, null).json();
        assertThat(m.get("movieId").asInt()).isEqualTo(5);
        assertThat(m.get("title").asText()).startsWith("Synthetic Movie 5 ");
        assertThat(m.get("ratings").asInt()).isPositive();
        assertThat(call("GET", "/health/live", null, null).status()).isEqualTo(200);
        Resp ready = call("GET", "/health/ready", null, null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        call("GET", "/api/movies/5", null, null);
        call("GET", "/api/movies/987654", null, null);
        String version = call("GET", "/api/model", null, null).json().get("modelVersion").asText();
        String metrics = call("GET", "/metrics", null, null).body();
        assertThat(metrics)
                .containsPattern("movierec_http_requests_total\\{method=\"GET\",route=\"/api/movies/\\{movieId\\}\","
                        + "status=\"200\"\\} [1-9]")
                .contains("movierec_http_requests_total{method=\"GET\",route=\"/api/movies/{movieId}\",status=\"404\"}")
                .contains("movierec_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/movies/{movieId}\","
                        + "le=\"+Inf\"}")
                .contains("movierec_model_info{version=\"" + version + "\",algorithm=\"biased-mf\"} 1.0")
                .contains("movierec_model_version " + Double.parseDouble(version))
                .containsPattern("movierec_store_users \\d+\\.0")
                .containsPattern("movierec_store_ratings \\d+\\.0");
        JsonNode model = call("GET", "/api/model", null, null).json();
        assertThat(model.get("algorithm").asText()).isEqualTo("biased-mf");
        assertThat(model.get("movies").asInt()).isEqualTo(600);
    }

}

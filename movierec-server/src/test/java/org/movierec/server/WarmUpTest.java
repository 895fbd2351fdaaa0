package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Start-up of the server: warm-up before listening, and a taken port reported as such. */
class WarmUpTest {
    @Test
    void warmUpMakesTheCallsItIsAllowedAndWritesNothing() throws Exception {
        ModelSnapshot s = ModelSnapshot.load(TestServers.modelA(), "1");
        Files.createDirectories(TestServers.ROOT);
        String url = "jdbc:sqlite:" + TestServers.ROOT.resolve("warm-up-" + System.nanoTime() + ".db");
        try (JdbcStore store = JdbcStore.open(url)) {
            Service svc = new Service(store, new AtomicReference<>(s));
            // bounded by the count when the budget is ample, by the budget when it is spent
            assertThat(svc.warmUp(Duration.ofSeconds(30), 40)).isEqualTo(40);
            assertThat(svc.warmUp(Duration.ZERO, 40)).isZero();
            assertThat(store.userCount()).isZero();
            assertThat(store.ratingCount()).isZero();
        }
    }

    @Test
    void foldInBodyRatesTheMostRatedMoviesOnTheScale() throws Exception {
        ModelSnapshot s = ModelSnapshot.load(TestServers.modelA(), "1");
        var body = Service.foldInBody(s, 3);
        var list = body.path("ratings");
        assertThat(list.size()).isEqualTo(3);
        int[] counts = new int[3];
        for (int k = 0; k < 3; k++) {
            int i = s.movieIndex(list.get(k).path("movieId").asInt());
            counts[k] = s.ratingCount[i];
            float r = (float) list.get(k).path("rating").asDouble();
            assertThat(r).isBetween(s.train().ratingScale().min(), s.train().ratingScale().max());
        }
        assertThat(counts[0]).isGreaterThanOrEqualTo(counts[1]);
        assertThat(counts[1]).isGreaterThanOrEqualTo(counts[2]);
        assertThat(List.of(counts[0], counts[1], counts[2])).allMatch(c -> c > 0);
    }

    @Test
    void aTakenPortIsAClearErrorBeforeTheModelLoads() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path dir = TestServers.ROOT.resolve("taken-port");
            Files.createDirectories(dir);
            // a model path that does not exist: the port check must come first
            MovieServer.Config c = MovieServer.Config.defaults(dir.resolve("no-such-model.bin"), dir)
                    .withPort(port).withDb("jdbc:sqlite:" + dir.resolve("store.db"));
            assertThatThrownBy(() -> MovieServer.start(c)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("choose another port with --port");
        }
    }

    @Test
    void cachedListsAreThePrefixesOfWhatTheRecommenderGives() throws Exception {
        ModelSnapshot s = ModelSnapshot.load(TestServers.modelA(), "1");
        for (int round = 0; round < 2; round++) { // the second round reads the cache
            for (int u = 0; u < s.train().numUsers(); u++) {
                for (int k : new int[] {1, 10, MovieServer.MAX_K}) {
                    var want = s.unseen.recommend(u, k, null, null);
                    var got = s.topUnseen(u, k);
                    assertThat(got.items()).as("user %d k %d round %d", u, k, round).containsExactly(want.items());
                    assertThat(got.scores()).as("user %d k %d round %d", u, k, round).containsExactly(want.scores());
                }
            }
        }
    }
}

package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract and one server round trip against a real PostgreSQL server. */
class PostgresStoreTest extends StoreContract {
    private static PostgresCluster pg;
    private static int n;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresCluster.startOrSkip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    String freshUrl() throws Exception {
        return pg.newDatabase("movierec_" + (n++));
    }

    @Test
    void serverStoresRatingsInPostgres() throws Exception {
        String url = freshUrl();
        Path dir = TestServers.ROOT.resolve("pg-server");
        MovieServer.Config c = MovieServer.Config.defaults(TestServers.modelCopy(dir), TestServers.dataDir())
                .withPort(0).withDb(url).withAdminToken(TestServers.ADMIN).withRateLimit(0);
        try (MovieServer s = MovieServer.start(c)) {
            var u = TestServers.call(s.port(), "POST", "/api/users", "{\"name\":\"pat\"}", null).json();
            String id = u.get("userId").asText();
            String token = u.get("token").asText();
            for (int m = 1; m <= 3; m++) {
                assertThat(TestServers.call(s.port(), "PUT", "/api/users/" + id + "/ratings/" + m, "{\"rating\":4}",
                        token).status()).isEqualTo(200);
            }
            var recs = TestServers.call(s.port(), "GET", "/api/users/" + id + "/recommendations?k=5", null, null).json();
            assertThat(recs.get("strategy").asText()).isEqualTo("fold-in");
            assertThat(recs.get("recommendations")).hasSize(5);
            assertThat(s.store().kind()).isEqualTo("postgresql");
        }
        try (JdbcStore st = JdbcStore.open(url)) {
            assertThat(st.ratingCount()).isEqualTo(3);
        }
    }
}

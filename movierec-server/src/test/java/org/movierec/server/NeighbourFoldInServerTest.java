package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.FoldIn;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Training;
import org.movierec.rec.NeighbourFoldIn;
import org.movierec.server.TestServers.Resp;
import org.movierec.util.ProgressListener;

/**
 * A model that cannot fold in a new user itself (here the bias baseline; the neural models are the
 * same case) still gives new users lists from their ratings: the model's lists of similar training
 * users ({@link NeighbourFoldIn}), named {@code "neighbours"} in the answer, never a 409.
 */
class NeighbourFoldInServerTest {
    @TempDir
    Path tmp;

    @Test
    void newUsersOfAModelWithoutFoldInGetTheirNeighboursLists() throws Exception {
        Dataset d = DatasetReader.read(TestServers.dataDir());
        Model m = Training.fit(AlgorithmRegistry.create("bias", Map.of()), d, null, "all", ProgressListener.NONE);
        assertThat(m).isNotInstanceOf(FoldIn.class);
        Path model = tmp.resolve("bias.bin");
        ModelIO.save(m, d, model);
        MovieServer.Config c = MovieServer.Config.defaults(model, TestServers.dataDir()).withPort(0)
                .withDb("jdbc:sqlite:" + tmp.resolve("store.db")).withAdminToken(TestServers.ADMIN);
        try (MovieServer server = MovieServer.start(c)) {
            int port = server.port();
            JsonNode info = TestServers.get(port, "/api/model").json();
            assertThat(info.path("foldIn").asBoolean()).isTrue();
            assertThat(info.path("foldInStrategy").asText()).isEqualTo("neighbours");

            Resp created = TestServers.call(port, "POST", "/api/users", "{\"name\":\"n\"}", null);
            long id = created.json().path("userId").asLong();
            String token = created.json().path("token").asText();
            List<Integer> rated = new ArrayList<>();
            int[] ratedIdx = new int[3];
            float[] ratings = {5, 4, 1};
            for (int k = 0; k < 3; k++) {
                ratedIdx[k] = k * 10;
                int movie = d.movies().ids().externalId(ratedIdx[k]);
                rated.add(movie);
                Resp r = TestServers.call(port, "PUT", "/api/users/" + id + "/ratings/" + movie,
                        "{\"rating\":" + (int) ratings[k] + "}", token);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            Resp recs = TestServers.get(port, "/api/users/" + id + "/recommendations?k=5");
            assertThat(recs.status()).as(recs.body()).isEqualTo(200);
            assertThat(recs.json().path("strategy").asText()).isEqualTo("neighbours");
            List<Integer> got = new ArrayList<>();
            recs.json().path("recommendations").forEach(n -> got.add(n.path("movieId").asInt()));
            assertThat(got).hasSize(5).doesNotContainAnyElementsOf(rated);

            // the same list as the neighbour fold-in computed directly, rated movies excluded
            NeighbourFoldIn direct = new NeighbourFoldIn((org.movierec.model.ItemScorer) m, d.interactions(),
                    NeighbourFoldIn.DEFAULT_NEIGHBOURS);
            float[] s = new float[d.numItems()];
            direct.scoreFoldIn(ratedIdx, ratings, s);
            for (int i : ratedIdx) {
                s[i] = Float.NEGATIVE_INFINITY;
            }
            int[] top = new int[5];
            new org.movierec.rec.TopK(5).select(s, top, null);
            List<Integer> want = new ArrayList<>();
            for (int i : top) {
                want.add(d.movies().ids().externalId(i));
            }
            assertThat(got).isEqualTo(want);

            String body = "{\"ratings\":[{\"movieId\":" + rated.get(0) + ",\"rating\":5}],\"k\":3}";
            Resp anon = TestServers.call(port, "POST", "/api/recommendations", body, null);
            assertThat(anon.status()).as(anon.body()).isEqualTo(200);
            assertThat(anon.json().path("strategy").asText()).isEqualTo("neighbours");
            assertThat(anon.json().path("recommendations")).hasSize(3);
        }
    }
}

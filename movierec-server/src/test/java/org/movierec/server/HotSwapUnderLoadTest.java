package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.model.ModelIO;
import org.movierec.rec.Recommender;

/**
 * The admin swap is atomic: while four clients ask for recommendations without pause, the model
 * file is replaced and reloaded eight times (A, B, A, ...). Every answer must be 200 and must be
 * exactly the list the model of its version gives (computed here through core's Recommender), so
 * no request fails and none mixes two models. Then a retrain through the admin call.
 */
class HotSwapUnderLoadTest {
    record Answer(int status, String version, List<Integer> items, boolean anonymous) {
    }

    private static List<Integer> expectedUser(Path file) throws Exception {
        ModelIO.Saved s = ModelIO.load(file);
        Dataset d = s.train();
        Recommender r = Recommender.of(s.model(), d.numItems(), d.interactions());
        return ext(d, r.recommend(d.users().ids().indexOf(1), 10).items());
    }

    private static List<Integer> expectedAnonymous(Path file) throws Exception {
        ModelIO.Saved s = ModelIO.load(file);
        Dataset d = s.train();
        Recommender r = Recommender.of(s.model(), d.numItems(), null);
        int[] items = {d.movies().ids().indexOf(1), d.movies().ids().indexOf(2)};
        return ext(d, r.recommendFoldIn(items, new float[] {5f, 4f}, 10, null, null).items());
    }

    private static List<Integer> ext(Dataset d, int[] items) {
        return Arrays.stream(items).map(i -> d.movies().ids().externalId(i)).boxed().toList();
    }

    private static List<Integer> ids(JsonNode json) {
        List<Integer> out = new ArrayList<>();
        json.get("recommendations").forEach(n -> out.add(n.get("movieId").asInt()));
        return out;
    }

    @Test
    void swapsAtomicallyUnderLoad() throws Exception {
        Path a = TestServers.modelA();
        Path b = TestServers.modelB();
        Map<Path, List<Integer>> userLists = Map.of(a, expectedUser(a), b, expectedUser(b));
        Map<Path, List<Integer>> anonLists = Map.of(a, expectedAnonymous(a), b, expectedAnonymous(b));
        assertThat(userLists.get(a)).isNotEqualTo(userLists.get(b));
        assertThat(anonLists.get(a)).isNotEqualTo(anonLists.get(b));

        Path dir = TestServers.ROOT.resolve("swap");
        try (MovieServer server = TestServers.start(dir, 0)) {
            int port = server.port();
            Path modelFile = dir.resolve("model.bin");
            Map<String, Path> versionModel = new ConcurrentHashMap<>();
            versionModel.put("1", a);
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                boolean anon = c % 2 == 1;
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            var r = anon
                                    ? TestServers.call(port, "POST", "/api/recommendations",
                                            "{\"k\":10,\"ratings\":[{\"movieId\":1,\"rating\":5},"
                                                    + "{\"movieId\":2,\"rating\":4}]}", null)
                                    : TestServers.call(port, "GET", "/api/users/1/recommendations?k=10", null, null);
                            answers.add(new Answer(r.status(), r.json() == null ? null
                                    : r.json().path("modelVersion").asText(null), r.json() == null
                                    || r.status() != 200 ? List.of() : ids(r.json()), anon));
                        } catch (Exception e) {
                            answers.add(new Answer(-1, null, List.of(), anon));
                        }
                    }
                });
                clients.add(t);
                t.start();
            }
            Thread.sleep(200);
            for (int swap = 0; swap < 8; swap++) {
                Path next = swap % 2 == 0 ? b : a;
                Path tmp = dir.resolve("model.bin.tmp");
                Files.copy(next, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, modelFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                var r = TestServers.call(port, "POST", "/api/admin/reload", null, TestServers.ADMIN);
                assertThat(r.status()).isEqualTo(200);
                versionModel.put(r.json().get("modelVersion").asText(), next);
                Thread.sleep(150);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
            assertThat(versionModel).hasSize(9);
            int checked = 0;
            java.util.Set<String> versionsSeen = new java.util.HashSet<>();
            for (Answer ans : answers) {
                assertThat(ans.status()).isEqualTo(200);
                Path m = versionModel.get(ans.version());
                assertThat(m).as("version " + ans.version()).isNotNull();
                assertThat(ans.items()).isEqualTo((ans.anonymous() ? anonLists : userLists).get(m));
                versionsSeen.add(ans.version());
                checked++;
            }
            System.out.printf("hot swap: %d answers checked over %d model versions, 0 failed or mixed%n", checked,
                    versionsSeen.size());
            assertThat(versionsSeen.size()).isGreaterThanOrEqualTo(5);

            // retrain through the admin call: the stored ratings join the model
            var u = TestServers.call(port, "POST", "/api/users", "{}", null).json();
            String id = u.get("userId").asText();
            for (int movie = 1; movie <= 3; movie++) {
                TestServers.call(port, "PUT", "/api/users/" + id + "/ratings/" + movie, "{\"rating\":5}",
                        u.get("token").asText());
            }
            var rt = TestServers.call(port, "POST", "/api/admin/retrain", null, TestServers.ADMIN);
            assertThat(rt.status()).as(rt.body()).isEqualTo(200);
            assertThat(rt.json().get("storedRatings").asInt()).isEqualTo(3);
            assertThat(rt.json().get("modelVersion").asText()).isEqualTo("10");
            assertThat(server.snapshot().train().users().ids().indexOf(Integer.parseInt(id))).isNotNegative();
            assertThat(ModelIO.load(modelFile).train().numUsers()).isEqualTo(401);
        }
    }
}

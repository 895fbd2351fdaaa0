package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/** The streaming provenance writer gives data binding's text exactly, so model files do not change. */
class ProvenanceJsonTest {
    private static final ObjectMapper BINDING = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();

    private static void same(Provenance p) throws Exception {
        String streamed = ModelIO.provenanceJson(p);
        assertThat(streamed).isEqualTo(BINDING.writeValueAsString(p));
        assertThat(BINDING.readValue(streamed, Provenance.class)).isEqualTo(p);
    }

    @Test
    void mapsIterateInKeyOrderSoThatSummariesAndFilesDoNotChangeBetweenRuns() throws Exception {
        // Map.copyOf's iteration order is salted per JVM: with twelve keys a sorted order by chance is
        // one in 479 million.
        Map<String, String> hp = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String key : List.of("l", "k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a")) {
            hp.put(key, key);
            metrics.put(key, 1.0);
        }
        Provenance p = new Provenance("x", hp, 1, "d", "f", "s", "v", "t", 0, metrics)
                .withHistory(new TrainingHistory(List.of(new TrainingHistory.Epoch(1, 0.5, metrics))));
        List<String> sorted = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        assertThat(List.copyOf(p.hyperparameters().keySet())).isEqualTo(sorted);
        assertThat(List.copyOf(p.validationMetrics().keySet())).isEqualTo(sorted);
        assertThat(List.copyOf(p.history().epochs().get(0).validation().keySet())).isEqualTo(sorted);
        assertThat(ModelIO.provenanceJson(p)).contains("{\"a\":\"a\",\"b\":\"b\"");
        same(p);
    }

    @Test
    void handMadeProvenancesWithOddValues() throws Exception {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("layers", "[64,32]");
        hp.put("quote\"and\\back", "tab\tnewline\n\u00e9\u4e2d");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.9123456789012345);
        metrics.put("tiny", 1e-300);
        metrics.put("big", 1.5e300);
        metrics.put("neg", -0.0);
        TrainingHistory h = new TrainingHistory(List.of(
                new TrainingHistory.Epoch(1, Double.NaN, Map.of()),
                new TrainingHistory.Epoch(2, 0.25, Map.of("rmse", Double.POSITIVE_INFINITY)),
                new TrainingHistory.Epoch(3, 1.0 / 3, metrics)));
        Provenance p = new Provenance("biased-mf", hp, -7L, "ml-100k", "94cf7bbad7823ac2", "u1", "0.1.0-SNAPSHOT",
                "2026-11-30T18:00:00Z", 12.5, metrics, h);
        same(p);
        same(new Provenance("ease", Map.of(), 0, "d", "f", "all", "v", "t", 0, Map.of(), null));
        same(new Provenance("ease", Map.of(), Long.MAX_VALUE, "d", "f", "all", "v", "t", Double.NaN, Map.of(),
                TrainingHistory.EMPTY));
    }

    @Test
    void aTrainedModelsProvenance() throws Exception {
        var d = Fixtures.twoBlocksWithDislikes();
        Model m = Training.fit(AlgorithmRegistry.create("biased-mf", Map.of("epochs", "3")), d, d, "all",
                ProgressListener.NONE);
        assertThat(m.provenance().history().epochs()).hasSize(3);
        same(m.provenance());
    }
}

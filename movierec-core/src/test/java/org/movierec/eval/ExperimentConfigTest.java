package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.algo.blend.Blend;

class ExperimentConfigTest {
    @TempDir
    Path dir;

    @Test
    void loadsAWholeExperimentFromYaml() throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, """
                dataset: data/ml-100k
                split: temporal-loo
                seed: 7
                metrics: [rmse, ndcg@5]
                algorithms:
                  - name: bias
                  - name: biased-mf
                    params: {factors: 8}
                    tune: {learningRate: [0.005, 0.01]}
                  - name: blend
                    params:
                      ridge: 2
                      models:
                        - {algorithm: bias}
                        - {algorithm: fm, params: {rank: 4}}
                """);
        ExperimentConfig c = ExperimentConfig.load(f);
        assertThat(c.datasetPath(f)).isEqualTo(dir.resolve("data/ml-100k"));
        assertThat(c.split()).isEqualTo("temporal-loo");
        assertThat(c.seed()).isEqualTo(7L);
        assertThat(c.metricSpecs()).containsExactly(new MetricSpec("rmse", 0), new MetricSpec("ndcg", 5));
        assertThat(c.algorithms()).extracting(ExperimentConfig.AlgorithmConfig::name)
                .containsExactly("bias", "biased-mf", "blend");
        assertThat(c.algorithms().get(1).params()).isEqualTo(Map.of("factors", "8"));
        assertThat(c.algorithms().get(1).tune()).isEqualTo(Map.of("learningRate", List.of("0.005", "0.01")));
        Blend.Config blend = (Blend.Config) AlgorithmRegistry.create("blend", c.algorithms().get(2).params()).config();
        assertThat(blend.ridge()).isEqualTo(2.0);
        assertThat(blend.models()).containsExactly(Blend.Base.of("bias"), Blend.Base.of("fm", "rank", "4"));
    }

    @Test
    void jsonWorksTooAndEveryKeyIsOptional() throws Exception {
        Path f = dir.resolve("exp.json");
        Files.writeString(f, "{\"algorithms\": [{\"name\": \"fm\", \"params\": {\"rank\": 4}}]}");
        ExperimentConfig c = ExperimentConfig.load(f);
        assertThat(c.dataset()).isNull();
        assertThat(c.seed()).isNull();
        assertThat(c.algorithms().get(0).params()).isEqualTo(Map.of("rank", "4"));
    }

    @Test
    void mistakesNameTheFileTheKeyAndWhatIsAllowed() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "datset: x\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessageStartingWith("config file " + f
                + ": unknown key 'datset' (value 'x'); valid keys: dataset (string), split (string)");
        Files.writeString(f, "seed: soon\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessage("config file " + f
                + ": seed='soon' is not a valid long");
        Files.writeString(f, "algorithms:\n  - name: fm\n    params: {rnak: 4}\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessageContaining("invalid 'algorithms[0]'")
                .hasMessageContaining("fm: unknown key 'rnak' (value '4'); valid keys: method (one of [mcmc, sgd])");
        Files.writeString(f, "metrics: [rmse, ndgc@10]\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessageContaining("unknown metric 'ndgc'");
        Files.writeString(f, "algorithms:\n  - name: bias\n    tune: {regUser: 5}\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessageContaining(
                "algorithms[0].tune.regUser='5' is not a valid list of string");
        Files.writeString(f, "split: [u1\n");
        assertThatThrownBy(() -> ExperimentConfig.load(f)).hasMessageStartingWith("config file " + f + ": ")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> ExperimentConfig.load(dir.resolve("exp.txt"))).hasMessageContaining(".yaml");
    }
}

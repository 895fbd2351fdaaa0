package org.movierec.neural.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecTest {
    @Test
    void everyShippedExperimentFileParses() throws Exception {
        Path dir = Path.of("").toAbsolutePath().resolveSibling("experiments");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("experiments");
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            ExperimentSpec s = ExperimentSpec.read(f);
            assertThat(s.report()).matches("00[0-4]");
            assertThat(s.reportValues()).isNotEmpty();
            assertThat(org.movierec.model.AlgorithmRegistry.contains(s.algorithm())).isTrue();
        }
    }

    @Test
    void unknownKeysAndMetricsAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, "report: \"001\"\nsplit: u1\nalgorithm: ncf\nlearningrate: 3\n");
        assertThatThrownBy(() -> ExperimentSpec.read(f)).hasMessageContaining("unknown key 'learningrate'")
                .hasMessageContaining("algorithm");
        Files.writeString(f, "report: \"001\"\nsplit: u1\nalgorithm: ncf\nmetrics: [rmse, auc]\n");
        assertThatThrownBy(() -> ExperimentSpec.read(f)).hasMessageContaining("unknown metric 'auc'");
        assertThatThrownBy(() -> ExperimentSpec.read(dir.resolve("missing.yaml"))).hasMessageContaining("no such");
    }

    @Test
    void theTuningGridIsTheCartesianProduct() {
        List<Map<String, String>> g = ExperimentRunner.grid(Map.of("a", List.of("1", "2"), "b", List.of("x", "y", "z")));
        assertThat(g).hasSize(6).contains(Map.of("a", "2", "b", "z"));
    }

    @Test
    void theTableShowsTheTunedParametersWholeAndAligned() {
        ExperimentSpec spec = new ExperimentSpec("003", "t", "random:0.8", List.of("rmse"), Map.of("rmse", 1.1),
                "wide-deep", Map.of(), Map.of(), List.of(), false, 42, "");
        String tuned = "wide-deep {withIds=true, emaDecay=0.9995, embeddingDim=16, learningRate=0.001}";
        String table = ExperimentRunner.table(new ExperimentRunner.Result(spec, "random:0.8", List.of(
                new ExperimentRunner.Row("ours, report architecture", "wide-deep", Map.of("rmse", 1.0713)),
                new ExperimentRunner.Row("ours, tuned on validation", tuned, Map.of("rmse", 0.9231)))));
        List<String> lines = table.lines().filter(l -> l.startsWith("ours")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(tuned).endsWith("0.9231");
        assertThat(lines.get(0)).hasSameSizeAs(lines.get(1)).endsWith("1.0713");
    }
}

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
}

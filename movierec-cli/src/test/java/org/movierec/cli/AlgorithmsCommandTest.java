package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;

class AlgorithmsCommandTest {
    @Test
    void listsEveryAlgorithmWithItsDefaults() {
        Cli.Result r = Cli.run("algorithms");
        assertThat(r.exitCode()).isZero();
        for (AlgorithmProvider e : AlgorithmRegistry.all()) {
            assertThat(r.out()).contains(e.name() + " ").contains(e.description());
        }
        assertThat(r.out()).contains("regUser=15.0").contains("factors=");
    }
}

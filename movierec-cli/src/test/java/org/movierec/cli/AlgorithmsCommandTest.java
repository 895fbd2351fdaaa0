package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.movierec.algo.Algorithms;

class AlgorithmsCommandTest {
    @Test
    void listsEveryAlgorithmWithItsDefaults() {
        Cli.Result r = Cli.run("algorithms");
        assertThat(r.exitCode()).isZero();
        for (Algorithms.Entry e : Algorithms.all()) {
            assertThat(r.out()).contains(e.name() + " ").contains(e.description());
        }
        assertThat(r.out()).contains("regUser=15.0").contains("factors=");
    }
}

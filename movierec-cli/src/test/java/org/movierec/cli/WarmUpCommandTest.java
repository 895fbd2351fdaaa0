package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hidden command the launcher runs to build its class-data archive. */
class WarmUpCommandTest {
    @Test
    void runsTheCommonCommandsAndLeavesNothingBehind() throws IOException {
        Set<Path> before = warmUpDirs();
        Cli.Result r = Cli.run("warm-up");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(warmUpDirs()).isEqualTo(before);
    }

    @Test
    void isNotListedInTheHelp() {
        assertThat(Cli.run("--help").out()).doesNotContain("warm-up").contains("train");
    }

    private static Set<Path> warmUpDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("movierec-warm-up")).collect(Collectors.toSet());
        }
    }
}

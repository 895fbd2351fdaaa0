package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lazily built command line: one subcommand when the arguments name it, all otherwise. */
class MainTest {
    @Test
    void eachNameIsItsClassesCommandName() {
        for (Map.Entry<String, Class<?>> e : Main.SUBCOMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(Command.class).name()).as(e.getValue().getName())
                    .isEqualTo(e.getKey());
        }
    }

    @Test
    void buildsOnlyTheNamedSubcommand() {
        CommandLine train = Main.commandLine("train", "--data", "x");
        assertThat(train.getSubcommands().keySet()).containsExactly("train");
        assertThat(Main.commandLine().getSubcommands().keySet()).containsAll(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine("--help").getSubcommands()).hasSize(Main.SUBCOMMANDS.size());
        assertThat(Main.commandLine("trian").getSubcommands()).hasSize(Main.SUBCOMMANDS.size());
    }

    @Test
    void aTypoStillGetsTheFullCommandList() {
        Cli.Result r = Cli.run("trian");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("trian").contains("train");
    }
}

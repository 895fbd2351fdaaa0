package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Usage errors of every command: exit code 2, exactly two lines on standard error (one {@code error:}
 * line naming the bad option, command or value; one pointing to the command's {@code --help}), no
 * usage text, nothing on standard output.
 */
class UsageErrorsTest {
    /** Asserts the two-line usage error of {@code command} whose first line contains every fragment. */
    private static void assertUsageError(Cli.Result r, String command, String... fragments) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(2);
        assertThat(r.errLines()[0]).as(r.toString()).startsWith("error: ").contains(fragments);
        assertThat(r.errLines()[1]).as(r.toString()).isEqualTo("run '" + command + " --help' for usage");
        assertThat(r.err()).doesNotContain("Usage:", "Exception");
        assertThat(r.out()).as(r.toString()).isEmpty();
    }

    /** Every command's path below {@code movierec}, e.g. [data, fetch], for the leaves and the groups. */
    static List<List<String>> allCommands() {
        List<List<String>> out = new ArrayList<>();
        for (String name : Main.SUBCOMMANDS.keySet()) {
            collect(Main.commandLine(name).getSubcommands().get(name), List.of(name), out);
        }
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandNamesAnUnknownOption() {
        List<List<String>> commands = allCommands();
        assertThat(commands.size()).isGreaterThan(Main.SUBCOMMANDS.size());
        for (List<String> path : commands) {
            if (path.equals(List.of("help"))) {
                continue; // picocli's help command takes any word as a command name; see unknownCommand
            }
            List<String> args = new ArrayList<>(path);
            args.add("--no-such-option-at-all");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertUsageError(r, "movierec " + String.join(" ", path), "unknown option '--no-such-option-at-all'");
        }
    }

    @Test
    void aTypoOfAnOptionGetsASuggestion() {
        assertUsageError(Cli.run("evaluate", "--dataset", "x", "--algo", "bias"), "movierec evaluate",
                "unknown option '--dataset'", "did you mean --data?");
        assertUsageError(Cli.run("train", "--algo", "bias", "--ot", "x.bin"), "movierec train",
                "'--ot'", "did you mean --out?");
        assertUsageError(Cli.run("data", "info", "--formt", "json", "x"), "movierec data info",
                "'--formt'", "did you mean --format?");
        assertUsageError(Cli.run("recommend", "--model=m.bin", "--usr=1"), "movierec recommend",
                "'--usr'", "did you mean --user?");
    }

    @Test
    void anUnknownCommandGetsASuggestion() {
        assertUsageError(Cli.run("trian", "--data", "x"), "movierec", "unknown command 'trian'", "did you mean train?");
        assertUsageError(Cli.run("data", "fecth", "ml-100k"), "movierec data", "unknown command 'fecth'",
                "did you mean fetch?");
        assertUsageError(Cli.run("help", "trian"), "movierec", "unknown command 'trian'", "did you mean train?");
        assertUsageError(Cli.run("zzzzzz"), "movierec", "unknown command 'zzzzzz'");
        assertThat(Cli.run("zzzzzz").errLines()[0]).doesNotContain("did you mean");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertUsageError(Cli.run("train", "--data", "x", "--algo", "bias"), "movierec train", "missing", "'--out");
        assertUsageError(Cli.run("similar", "--model", "m.bin"), "movierec similar", "missing", "'--movie");
        assertUsageError(Cli.run("experiment", "run"), "movierec experiment run", "missing");
    }

    @Test
    void aBadValueIsNamedWithTheOption() {
        assertUsageError(Cli.run("recommend", "--model", "m.bin", "--user", "1", "-n", "abc"), "movierec recommend",
                "'-n/--count'", "'abc'");
        assertUsageError(Cli.run("evaluate", "--data", "x", "--k", "ten"), "movierec evaluate", "'--k'", "'ten'");
        assertUsageError(Cli.run("train", "--seed", "1.5", "--out", "x"), "movierec train", "'--seed'", "'1.5'");
    }

    @Test
    void anOptionWithoutItsValue() {
        assertUsageError(Cli.run("evaluate", "--data"), "movierec evaluate", "'--data");
    }

    @Test
    void anUnexpectedPositionalArgument() {
        assertUsageError(Cli.run("algorithms", "extra"), "movierec algorithms", "'extra'");
    }

    @Test
    void suggestionsByEditDistance() {
        List<String> c = List.of("--data", "--algo", "--out", "--split");
        assertThat(UsageErrors.suggest("--dataset", c)).isEqualTo("--data");
        assertThat(UsageErrors.suggest("--splt", c)).isEqualTo("--split");
        assertThat(UsageErrors.suggest("--zzzzzzzz", c)).isNull();
        assertThat(UsageErrors.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(UsageErrors.distance("", "abc")).isEqualTo(3);
    }
}

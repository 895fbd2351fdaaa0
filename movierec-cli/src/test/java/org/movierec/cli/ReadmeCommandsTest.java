package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import picocli.CommandLine;

/**
 * The README against the code, so that it cannot drift: every command and option its commands table
 * and its {@code ./movierec ...} examples name exists in the command tree; every command of the tree
 * has a row in the table; every algorithm its algorithm table names is registered, and every
 * registered algorithm (outside the tests' toy ones) has a row.
 */
class ReadmeCommandsTest {
    /** Launcher-only commands: {@code ./movierec spark ...} runs the movierec-spark jar (see the script). */
    private static final Set<String> LAUNCHER_COMMANDS = Set.of("spark");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)");

    static String readme() throws IOException {
        Path p = Path.of("..", "README.md");
        if (!Files.exists(p)) {
            p = Path.of("README.md");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** The lines of the table under {@code heading} (up to the next blank line after it starts). */
    static List<String> tableRows(String readme, String heading) {
        List<String> lines = readme.lines().toList();
        int h = lines.indexOf(heading);
        assertThat(h).as("README heading " + heading).isNotNegative();
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (int k = h + 1; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.startsWith("|")) {
                in = true;
                rows.add(l);
            } else if (in) {
                break;
            }
        }
        return rows.subList(Math.min(2, rows.size()), rows.size()); // header and rule
    }

    /** The first cell's code: {@code | `data info DIR` | ...} gives {@code data info DIR}. */
    static String firstCode(String row) {
        Matcher m = Pattern.compile("^\\|\\s*`([^`]+)`").matcher(row);
        assertThat(m.find()).as("row starts with a `command`: " + row).isTrue();
        return m.group(1).replace("\\|", "|");
    }

    /** Command lines named in the README: the commands table's first cells and every ./movierec example. */
    static List<String> commandLines(String readme) {
        List<String> out = new ArrayList<>();
        for (String row : tableRows(readme, "## Commands")) {
            out.add(firstCode(row));
        }
        Matcher inline = Pattern.compile("`\\./movierec ([^`]+)`").matcher(readme);
        while (inline.find()) {
            out.add(inline.group(1));
        }
        for (String l : readme.lines().toList()) {
            if (l.startsWith("./movierec ")) {
                String c = l.substring("./movierec ".length());
                int hash = c.indexOf(" #");
                out.add(hash >= 0 ? c.substring(0, hash) : c);
            }
        }
        return out;
    }

    /** The deepest command the leading words name, e.g. [data, info] for "data info DIR --format json". */
    static CommandLine resolve(String line, List<String> path) {
        String[] words = line.trim().split("\\s+");
        CommandLine root = Main.commandLine(words[0]);
        CommandLine cl = root;
        for (String w : words) {
            CommandLine sub = cl.getSubcommands().get(w);
            if (sub == null) {
                break;
            }
            path.add(w);
            cl = sub;
        }
        return cl;
    }

    @Test
    void everyCommandAndOptionTheReadmeNamesExists() throws IOException {
        List<String> lines = commandLines(readme());
        assertThat(lines).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            String first = line.trim().split("\\s+")[0];
            if (LAUNCHER_COMMANDS.contains(first)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            CommandLine cl = resolve(line, path);
            if (path.isEmpty()) {
                problems.add("'" + line + "': no command '" + first + "'");
                continue;
            }
            Matcher m = OPTION.matcher(line);
            while (m.find()) {
                if (cl.getCommandSpec().findOption(m.group(1)) == null) {
                    problems.add("'" + line + "': movierec " + String.join(" ", path) + " has no option " + m.group(1));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLauncherHandlesItsOwnCommands() throws IOException {
        Path script = Files.exists(Path.of("..", "movierec")) ? Path.of("..", "movierec") : Path.of("movierec");
        String text = Files.readString(script);
        for (String c : LAUNCHER_COMMANDS) {
            assertThat(text).contains("\"${1:-}\" = \"" + c + "\"");
        }
    }

    @Test
    void everyCommandHasARowInTheTable() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (String row : tableRows(readme(), "## Commands")) {
            List<String> path = new ArrayList<>();
            resolve(firstCode(row), path);
            documented.add(String.join(" ", path));
        }
        List<String> missing = new ArrayList<>();
        for (List<String> path : UsageErrorsTest.allCommands()) {
            CommandLine cl = leaf(path);
            if (path.get(0).equals("help") || cl.getCommandSpec().usageMessage().hidden()
                    || !cl.getSubcommands().isEmpty()) {
                continue; // picocli's help, hidden commands, and groups (their leaves are checked)
            }
            if (!documented.contains(String.join(" ", path))) {
                missing.add(String.join(" ", path));
            }
        }
        assertThat(missing).as("commands without a row in the README's commands table").isEmpty();
    }

    private static CommandLine leaf(List<String> path) {
        CommandLine cl = Main.commandLine(path.get(0)).getSubcommands().get(path.get(0));
        for (String w : path.subList(1, path.size())) {
            cl = cl.getSubcommands().get(w);
        }
        return cl;
    }

    @Test
    void theAlgorithmTableMatchesTheRegistry() throws IOException {
        Set<String> named = new LinkedHashSet<>();
        for (String row : tableRows(readme(), "## Algorithms")) {
            String cell = row.substring(1, row.indexOf('|', 1));
            Matcher m = Pattern.compile("`([a-z0-9-]+)`").matcher(cell);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(AlgorithmRegistry.names()).as("algorithms the README names").containsAll(named);
        List<String> undocumented = new ArrayList<>();
        for (AlgorithmProvider p : AlgorithmRegistry.all()) {
            boolean testOnly = p.getClass().getName().startsWith("org.movierec.cli.");
            if (!testOnly && !named.contains(p.name())) {
                undocumented.add(p.name());
            }
        }
        assertThat(undocumented).as("registered algorithms without a row in the README").isEmpty();
    }
}

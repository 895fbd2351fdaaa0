package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lazily built command line: one subcommand when the arguments name it, all otherwise. */
class MainTest {
    /**
     * Main must not host a lambda or method reference: archiving one links Main during the launcher's
     * class-data dump, which links picocli's Java 5 CommandLine, which the dump then leaves out of the
     * archive (see docs/ARCHITECTURE.md, Start-up). Checked in the class file's constant pool.
     */
    @Test
    void mainHasNoLambdasSoPicocliStaysInTheClassDataArchive() throws Exception {
        byte[] bytes;
        try (java.io.InputStream in = Main.class.getResourceAsStream("Main.class")) {
            bytes = in.readAllBytes();
        }
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("java/lang/invoke/LambdaMetafactory");
    }

    /**
     * Start-up: picocli must not look for Groovy's closure class (the failed lookup opened the jar on the
     * main thread), and its factory must create the version provider without a failed access check.
     */
    @Test
    void picocliNeitherLooksForGroovyNorFailsToCreateTheVersionProvider() throws Exception {
        Main.commandLine("--version");
        assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
        assertThat(java.lang.reflect.Modifier.isPublic(Main.VersionProvider.class.getModifiers())).isTrue();
        assertThat(java.lang.reflect.Modifier.isPublic(Main.VersionProvider.class.getConstructor().getModifiers()))
                .isTrue();
    }

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

    /**
     * A job the up-front heap checks do not cover (here the synthetic generator asked for 60 million
     * ratings in a 48 MiB heap) ends with one error line naming -Xmx and exit code 3, no stack trace.
     */
    @Test
    void runningOutOfHeapIsOneLineNotAStackTrace(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "data", "synth", "--users", "200000", "--movies", "20000", "--ratings", "60000000",
                "--out", tmp.resolve("big").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(3);
        assertThat(err.strip()).startsWith("error: out of memory: this job needs more than the ")
                .contains("MOVIEREC_JAVA_OPTS=-Xmx").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.strip().lines()).hasSize(1);
    }

    @Test
    void aTypoStillGetsTheFullCommandList() {
        Cli.Result r = Cli.run("trian");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("trian").contains("train");
    }
}

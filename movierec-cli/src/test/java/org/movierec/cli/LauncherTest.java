package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./movierec}) chooses how to start the JVM: {@code movierec.jar} on the class path
 * with the main class-data archive, or, for a command that names a {@code .parquet} file, the build's Parquet jar on
 * the class path with the Parquet archive (docs/ARCHITECTURE.md, Start-up). Run here on a copy of the script
 * in a folder laid out like the repository, with a {@code java} on the PATH that records its arguments, so
 * nothing is built and no JVM starts.
 */
class LauncherTest {
    @TempDir
    Path root;
    Path target;
    Path log;

    @BeforeEach
    void layOut() throws IOException {
        Files.copy(Path.of("..", "movierec"), root.resolve("movierec"));
        target = Files.createDirectories(root.resolve("movierec-cli").resolve("target"));
        // the build's order: the unshaded jar, then the Parquet jar, then movierec.jar; the archives after
        long t = System.currentTimeMillis() - 100_000;
        for (String f : List.of("original-movierec.jar", "movierec-parquet.jar", "movierec.jar", "movierec.jsa",
                "movierec-parquet.jsa")) {
            Files.writeString(target.resolve(f), f);
            Files.setLastModifiedTime(target.resolve(f), FileTime.fromMillis(t += 10_000));
        }
        Path bin = Files.createDirectories(root.resolve("bin"));
        log = root.resolve("java.log");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments the launcher gave java for {@code args}. */
    private String javaArgs(String... args) throws Exception {
        List<String> lines = javaStarts(args);
        assertThat(lines).as("one java start, no build").hasSize(1);
        return lines.get(0);
    }

    /** The arguments of every java start the launcher made for {@code args}, in order. */
    private List<String> javaStarts(String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("movierec").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("MOVIEREC_JAVA_OPTS");
        pb.environment().remove("MOVIEREC_CDS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return Files.readAllLines(log);
    }

    /**
     * A missing archive is dumped before the run, with the default run's heap: archived objects hold
     * compressed pointers in the encoding of the dumping heap's size, and a run with another encoding
     * re-encodes them at every start (BENCHMARKS.md, "The class-data archive dumped with the run's heap").
     */
    @Test
    void theArchiveIsDumpedWithTheRunsHeap() throws Exception {
        Files.delete(target.resolve("movierec.jsa"));
        List<String> starts = javaStarts("data", "info", "ratings.csv");
        assertThat(starts).hasSize(3);
        assertThat(starts.get(0)).contains("-XX:DumpLoadedClassList=").endsWith(" warm-up");
        assertThat(starts.get(1)).contains("-Xshare:dump").contains(" -Xmx4g ");
        // the stand-in java wrote no archive, so the run goes without one
        assertThat(starts.get(2)).doesNotContain("SharedArchiveFile").endsWith("-Xmx4g -cp "
                + target.resolve("movierec.jar") + " org.movierec.cli.Main data info ratings.csv");
    }

    @Test
    void aCommandWithoutParquetRunsTheJarWithTheMainArchive() throws Exception {
        String a = javaArgs("data", "info", "ratings.csv");
        assertThat(a).contains("-XX:SharedArchiveFile=" + target.resolve("movierec.jsa") + " ")
                .contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0").contains(" -XX:-UsePerfData ")
                .endsWith("-Xmx4g -cp " + target.resolve("movierec.jar") + " org.movierec.cli.Main data info ratings.csv")
                .doesNotContain(" -jar ")
                .doesNotContain("parquet");
        // the server keeps the JDK's address randomisation of the archive, and its performance counters
        assertThat(javaArgs("serve", "--model", "m.bin", "--data", "ratings.csv"))
                .contains("-XX:SharedArchiveFile=" + target.resolve("movierec.jsa") + " ")
                .doesNotContain("ArchiveRelocationMode").doesNotContain("UsePerfData");
    }

    @Test
    void aParquetFileBringsTheParquetJarAndArchive() throws Exception {
        String cp = "-cp " + target.resolve("movierec.jar") + ":" + target.resolve("movierec-parquet.jar")
                + " org.movierec.cli.Main ";
        String a = javaArgs("data", "info", "plays.parquet");
        assertThat(a).contains("-XX:SharedArchiveFile=" + target.resolve("movierec-parquet.jsa") + " ")
                .contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0")
                .endsWith(cp + "data info plays.parquet").doesNotContain(" -jar ");
        assertThat(javaArgs("recommend", "--model", "m.bin", "--all", "--out=recs.PARQUET"))
                .endsWith(cp + "recommend --model m.bin --all --out=recs.PARQUET");
        // the server keeps the JDK's address randomisation of the archive
        assertThat(javaArgs("serve", "--model", "m.bin", "--data", "plays.parquet"))
                .contains("movierec-parquet.jsa").endsWith(cp + "serve --model m.bin --data plays.parquet")
                .doesNotContain("ArchiveRelocationMode");
    }

    @Test
    void aParquetJarFromAnotherBuildIsNotUsed() throws Exception {
        Files.setLastModifiedTime(target.resolve("movierec-parquet.jar"),
                FileTime.fromMillis(Files.getLastModifiedTime(target.resolve("original-movierec.jar")).toMillis()
                        - 60_000));
        assertThat(javaArgs("data", "info", "plays.parquet"))
                .contains("-XX:SharedArchiveFile=" + target.resolve("movierec.jsa") + " ")
                .endsWith("-cp " + target.resolve("movierec.jar") + " org.movierec.cli.Main data info plays.parquet");
    }
}

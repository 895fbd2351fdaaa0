package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ModelIO;

/**
 * User errors of {@code train}, {@code recommend} and {@code similar}: exit code 2 and exactly one
 * line on standard error that names the bad value, with no stack trace and nothing written.
 */
class CliErrorsTest {
    @TempDir
    static Path tmp;

    static Path dataDir;
    static Path biasModel;

    @BeforeAll
    static void setUp() throws Exception {
        dataDir = Ml100kFiles.write(SyntheticGenerator.generate(SyntheticGenerator.Config.of(30, 40, 300, 3)),
                tmp.resolve("synth"));
        biasModel = tmp.resolve("bias.bin");
        Cli.Result r = Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--out", biasModel.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** Asserts a one-line user error containing every fragment. */
    private static void assertUserError(Cli.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownUser() {
        assertUserError(Cli.run("recommend", "--model", biasModel.toString(), "--user", "9999"),
                "user 9999", "not in the model", "--rate");
    }

    @Test
    void unknownAlgorithm() {
        Path out = tmp.resolve("never.bin");
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "svd-nope", "--out", out.toString()),
                "unknown algorithm 'svd-nope'", "bias");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownParameter() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--param", "lr=0.1",
                "--out", tmp.resolve("x.bin").toString()), "lr", "regUser");
    }

    @Test
    void unparsableParameterValue() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--param", "regUser=lots",
                "--out", tmp.resolve("x.bin").toString()), "regUser", "lots");
    }

    @Test
    void parameterWithoutValue() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--param", "regUser",
                "--out", tmp.resolve("x.bin").toString()), "--param 'regUser'", "key=value or algo.key=value");
    }

    @Test
    void invalidParameterValue() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--param", "iterations=0",
                "--out", tmp.resolve("x.bin").toString()), "iterations");
    }

    @Test
    void multiFoldSplit() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--split", "kfold:5",
                "--out", tmp.resolve("x.bin").toString()), "kfold:5", "5 folds", "evaluate");
    }

    @Test
    void unknownSplit() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--split", "sideways",
                "--out", tmp.resolve("x.bin").toString()), "sideways", "random:0.8");
    }

    @Test
    void predefinedSplitWithoutItsFiles() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--split", "u3",
                "--out", tmp.resolve("x.bin").toString()), "u3.base", "missing");
    }

    @Test
    void missingDataDirectory() {
        Path nowhere = tmp.resolve("nowhere");
        assertUserError(Cli.run("train", "--data", nowhere.toString(), "--algo", "bias",
                "--out", tmp.resolve("x.bin").toString()), nowhere.toString());
    }

    @Test
    void outputIsADirectory() {
        assertUserError(Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--out", tmp.toString()),
                tmp.toString(), "is a directory");
    }

    @Test
    void missingModelFile() {
        Path missing = tmp.resolve("missing.bin");
        assertUserError(Cli.run("recommend", "--model", missing.toString(), "--user", "1"),
                missing.toString(), "no such model file");
        assertUserError(Cli.run("similar", "--model", missing.toString(), "--movie", "1"),
                missing.toString(), "no such model file");
    }

    @Test
    void notAModelFile() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.bin"), "hello, I am not a model");
        assertUserError(Cli.run("recommend", "--model", junk.toString(), "--user", "1"), "not a movierec model");
    }

    @Test
    void similarOnAModelWithoutSimilarities() {
        assertUserError(Cli.run("similar", "--model", biasModel.toString(), "--movie", "1"),
                "'bias'", "similarities");
    }

    @Test
    void foldInOnAModelWithoutItUsesSimilarUsersAndSaysSo() {
        // bias cannot place a new user; it used to be an error, now the model's lists of similar users stand in
        Cli.Result r = Cli.run("recommend", "--model", biasModel.toString(), "--rate", "1=5", "-n", "5");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Top 5 for a new user with 1 ratings (model bias")
                .contains("from the model's lists of the 30 most similar users");
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(7);
        for (String line : java.util.Arrays.copyOfRange(lines, 2, lines.length)) {
            assertThat(line.trim().split("\\s+")[1]).as("movie 1 is rated, so not recommended").isNotEqualTo("1");
        }
    }

    @Test
    void userAndRatingsTogetherOrNeither() {
        assertUserError(Cli.run("recommend", "--model", biasModel.toString(), "--user", "1", "--rate", "1=5"),
                "not both");
        assertUserError(Cli.run("recommend", "--model", biasModel.toString()), "--user", "--rate");
    }

    @Test
    void badNewUserRatings() throws Exception {
        Path toy = tmp.resolve("toy.bin");
        ModelIO.Saved saved = ModelIO.load(biasModel);
        ModelIO.save(ToyModel.of(saved.train()), saved.train(), toy);
        assertUserError(Cli.run("recommend", "--model", toy.toString(), "--rate", "5=7"), "rating 7", "movie 5",
                "1.0..5.0");
        assertUserError(Cli.run("recommend", "--model", toy.toString(), "--rate", "4444=3"), "movie 4444");
        assertUserError(Cli.run("recommend", "--model", toy.toString(), "--rate", "5:3"), "'5:3'", "MOVIE=RATING");
        assertUserError(Cli.run("recommend", "--model", toy.toString(), "--rate", "5=3,5=4"), "movie 5", "twice");
        assertUserError(Cli.run("similar", "--model", toy.toString(), "--movie", "4444"), "movie 4444");
    }

    @Test
    void cutOffsLargerThanTheCatalogue() throws Exception {
        // The synthetic dataset has 40 movies.
        assertUserError(Cli.run("recommend", "--model", biasModel.toString(), "--user", "1", "-n", "41"),
                "-n 41", "catalogue of 40 movies");
        assertUserError(Cli.run("recommend", "--model", biasModel.toString(), "--all", "--out",
                tmp.resolve("all.csv").toString(), "-n", "41"), "-n 41", "catalogue of 40 movies");
        assertThat(tmp.resolve("all.csv")).doesNotExist();
        Path toy = tmp.resolve("toy-cutoff.bin");
        ModelIO.Saved saved = ModelIO.load(biasModel);
        ModelIO.save(ToyModel.of(saved.train()), saved.train(), toy);
        assertUserError(Cli.run("similar", "--model", toy.toString(), "--movie", "5", "-n", "40"),
                "-n 40", "catalogue of 39 movies");
        assertThat(Cli.run("similar", "--model", toy.toString(), "--movie", "5", "-n", "39").exitCode()).isZero();
        assertUserError(Cli.run("evaluate", "--data", dataDir.toString(), "--split", "random:0.8", "--algo", "bias",
                "--k", "41"), "--k 41", "catalogue of 40 movies");
        assertUserError(Cli.run("evaluate", "--data", dataDir.toString(), "--split", "random:0.8", "--algo", "bias",
                "--topk", "5,50"), "--topk 50", "catalogue of 40 movies");
        assertUserError(Cli.run("tune", "--data", dataDir.toString(), "--split", "random:0.8", "--algo", "bias",
                "--param", "regUser=1,2", "--metric", "ndcg@41"), "ndcg@41", "41", "catalogue of 40 movies");
    }

    @Test
    void nonPositiveCount() {
        assertUserError(Cli.run("recommend", "--model", biasModel.toString(), "--user", "1", "-n", "0"), "-n", "0");
    }

    /** Every command that writes a file refuses one in a missing directory before any work, creating nothing. */
    @Test
    void outputsInAMissingDirectoryAreRefusedBeforeAnyWork() throws Exception {
        Path missing = tmp.resolve("no-such-dir");
        Path results = tmp.resolve("results.json");
        Cli.Result ev = Cli.run("evaluate", "--data", dataDir.toString(), "--split", "random:0.8", "--algo", "bias",
                "--topk", "none", "--format", "json", "--out", results.toString());
        assertThat(ev.exitCode()).as(ev.toString()).isZero();
        String data = dataDir.toString();
        String[][] commands = {
            {"--out", "evaluate", "--data", data, "--split", "random:0.8", "--algo", "bias", "--out",
                missing.resolve("r.txt").toString()},
            {"--per-user", "evaluate", "--data", data, "--split", "random:0.8", "--algo", "bias", "--per-user",
                missing.resolve("u.csv").toString()},
            {"--report", "evaluate", "--data", data, "--split", "random:0.8", "--algo", "bias", "--report",
                missing.resolve("e.html").toString()},
            {"--out", "report", "data", data, "--out", missing.resolve("d.html").toString()},
            {"--out", "report", "experiment", results.toString(), "--out", missing.resolve("x.html").toString()},
            {"--out", "bench", "--suite", "rating", "--data", data, "--out", missing.resolve("b.md").toString()},
        };
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: " + c[0] + " ")
                    .contains("directory " + missing).contains("does not exist");
            assertThat(r.out()).as("nothing was done: " + String.join(" ", args)).isEmpty();
            assertThat(missing).doesNotExist();
        }
    }
}

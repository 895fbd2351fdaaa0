package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;

class QuickstartAndBenchTest {
    @TempDir
    Path tmp;

    private Path smallData() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(120, 90, 3000, 9));
        return Ml100kFiles.write(d, tmp.resolve("small"));
    }

    @Test
    void quickstartOnLocalDataEvaluatesBaselinesAndRecommendsTenTitles() throws Exception {
        Path data = smallData();
        Cli.Result r = Cli.run("quickstart", "--data", data.toString(), "--dir", tmp.resolve("qs").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("global-mean").contains("bias").contains("popularity").contains("rmse")
                .contains("ndcg@10").contains("Top 10 recommendations");
        // Ten numbered recommendation lines with titles from the data.
        long lines = r.out().lines().filter(l -> l.matches("\\s+\\d+\\. Synthetic Movie .*")).count();
        assertThat(lines).isEqualTo(10);
    }

    @Test
    void quickstartOfflineFallsBackToSyntheticDataAndSaysSo() {
        Cli.Result r = Cli.run("quickstart", "--offline", "--dir", tmp.resolve("nothing").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("synthetic dataset").contains("Top 10 recommendations");
    }

    @Test
    void quickstartSavesItsModelAndSaysHowToServeIt() throws Exception {
        Path data = smallData();
        Path dir = tmp.resolve("qs");
        Cli.Result r = Cli.run("quickstart", "--data", data.toString(), "--dir", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path model = dir.resolve("quickstart-ease.bin");
        assertThat(org.movierec.model.ModelIO.load(model).model().type()).isEqualTo("ease");
        assertThat(r.out()).contains("./movierec serve --model " + model + " --data " + data)
                .contains("http://127.0.0.1:8080/").contains("--serve");
    }

    @Test
    void quickstartServeStartsTheServerOnTheModelItTrained() throws Exception {
        Path data = smallData();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int[] code = {-1};
        Thread run = new Thread(() -> code[0] = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "quickstart", "--data", data.toString(), "--dir", tmp.resolve("qs").toString(), "--serve", "--port",
                "0"));
        run.start();
        java.util.regex.Pattern url = java.util.regex.Pattern.compile("movierec server: (http://\\S+/)");
        java.util.regex.Matcher m = url.matcher("");
        long end = System.nanoTime() + 120_000_000_000L;
        while (!(m = url.matcher(out.toString())).find()) {
            assertThat(run.isAlive()).as("quickstart ended before serving: %s %s", out, err).isTrue();
            assertThat(System.nanoTime()).as("no server URL within 120 s: %s", out).isLessThan(end);
            Thread.sleep(50);
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1) + "health/ready"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        run.interrupt(); // stops the server as Ctrl-C would
        run.join(30_000);
        assertThat(run.isAlive()).isFalse();
        assertThat(code[0]).as(err.toString()).isZero();
    }

    @Test
    void quickstartRejectsAnUnknownUser() throws Exception {
        Cli.Result r = Cli.run("quickstart", "--data", smallData().toString(), "--user", "99999", "--dir",
                tmp.resolve("qs").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains("--user 99999").contains("is not a user of");
        // Issue 11: the user is checked before any work, so nothing was split, evaluated or trained.
        assertThat(r.out()).doesNotContain("Split").doesNotContain("Evaluating").doesNotContain("rmse");
    }

    @Test
    void benchAppendsASectionWithMachineDateCommandAndOneRowPerAlgorithm() throws Exception {
        Path data = smallData();
        Path out = tmp.resolve("BENCH.md");
        Cli.Result r = Cli.run("bench", "--data", data.toString(), "--suite", "rating,topn", "--algo",
                "bias,popularity", "--split", "kfold:2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String md = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(md).contains("## rating suite").contains("## topn suite").contains("Machine: ")
                .contains("Command: `./movierec bench --data").contains("| bias | 2 |").contains("| popularity | 2 |");
        // Appending again keeps the first run.
        Cli.Result again = Cli.run("bench", "--data", data.toString(), "--suite", "rating", "--algo", "bias",
                "--split", "kfold:2", "--out", out.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("appended to " + out.toAbsolutePath());
        assertThat(Files.readString(out, StandardCharsets.UTF_8).split("## rating suite", -1)).hasSize(3);
    }

    @Test
    void benchWritesNoFileWithoutOut() throws Exception {
        Path data = smallData();
        Path defaultFile = Path.of("BENCHMARKS.md").toAbsolutePath();
        long before = Files.exists(defaultFile) ? Files.size(defaultFile) : -1;
        Cli.Result r = Cli.run("bench", "--data", data.toString(), "--suite", "rating", "--algo", "bias",
                "--split", "kfold:2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("## rating suite").contains("| bias | 2 |").doesNotContain("appended to");
        assertThat(Files.exists(defaultFile) ? Files.size(defaultFile) : -1).isEqualTo(before);
    }

    @Test
    void benchRejectsAnUnknownSuite() {
        Cli.Result r = Cli.run("bench", "--suite", "fastest", "--out", tmp.resolve("b.md").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("fastest");
    }

    @Test
    void speedSuiteTimesTrainingScoringLoadingAndAlsEpochs() throws Exception {
        Path data = smallData();
        Path out = tmp.resolve("SPEED.md");
        Cli.Result r = Cli.run("bench", "--data", data.toString(), "--suite", "speed", "--split", "random:0.8",
                "--synthetic-ratings", "3000", "--repeats", "1", "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String md = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(md).contains("## speed suite").contains("BiasedMF k=100, 20 epochs").contains("SVD++")
                .contains("top-10 for all 120 users").contains("load ").contains("ALS k=64: one epoch")
                .contains("load the synthetic 3000 ratings from CSV").contains("heap: peak +");
    }
}

package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.model.ModelIO;

/** {@code tune}, and the {@code --param} / {@code --config} syntax that train, evaluate and tune share. */
class TuneAndParamsCommandTest {
    @TempDir
    Path tmp;

    private Path data() throws IOException {
        return EvaluateCommandTest.writeSynthetic(tmp.resolve("synth"));
    }

    private static void assertUserError(Cli.Result r, String... parts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: ").contains(parts);
    }

    @Test
    void tunePrintsEveryCandidateAndTheBestLast() throws IOException {
        Cli.Result r = Cli.run("tune", "--data", data().toString(), "--split", "u1", "--algo", "bias",
                "--param", "regUser=0.5,50", "--param", "bias.iterations=3", "--metric", "rmse,mae");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("tune bias on ").contains("grid search, 2 candidates of 2")
                .contains("chosen by rmse (lower is better) on validation data only");
        assertThat(lines.get(1)).isEqualTo("  u1/carved-validation (10% of each user's training ratings, seed 42)");
        assertThat(lines.get(2)).startsWith("#").contains("regUser").contains("rmse ↓")
                .contains("mae ↓");
        assertThat(lines.get(3)).matches("\\*?1 +0\\.5 +\\d\\.\\d{4} +\\d\\.\\d{4}");
        assertThat(lines.get(4)).matches("\\*?2 +50 +\\d\\.\\d{4} +\\d\\.\\d{4}");
        assertThat(lines.get(3).startsWith("*") ^ lines.get(4).startsWith("*")).as("exactly one row starred").isTrue();
        assertThat(lines.get(lines.size() - 2)).startsWith("↓ lower is better").endsWith("docs/EVALUATION.md");
        assertThat(lines.get(lines.size() - 1)).matches("best: bias iterations=3 regUser=(0\\.5|50) "
                + "\\(validation rmse \\d\\.\\d{4}\\)");
        // The starred row is the best one.
        String starred = lines.get(3).startsWith("*") ? "0.5" : "50";
        assertThat(lines.get(lines.size() - 1)).contains("regUser=" + starred + " ");
    }

    @Test
    void tuneJsonRandomSearchOnTheSplitsValidationPart() throws IOException {
        Cli.Result r = Cli.run("tune", "--data", data().toString(), "--split", "temporal-loo", "--algo", "bias",
                "--param", "regUser=1,5,25", "--param", "regItem=1,5,25", "--param", "iterations=2",
                "--search", "random", "--trials", "3", "--seed", "5", "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("trials")).hasSize(3);
        assertThat(root.get("higherIsBetter").asBoolean()).isFalse();
        assertThat(root.get("definitions").asText()).isEqualTo("docs/EVALUATION.md");
        assertThat(root.get("chosenOn").get(0).asText()).isEqualTo("temporal-loo/validation (the split's validation part)");
        assertThat(root.get("best").get("params").get("iterations").asText()).isEqualTo("2");
        double best = root.get("best").get("validation").get("rmse").asDouble();
        for (JsonNode t : root.get("trials")) {
            assertThat(t.get("validation").get("rmse").asDouble()).isGreaterThanOrEqualTo(best);
        }
        assertThat(r.err()).contains("random search, 3 candidates of 9");
    }

    @Test
    void tuneFromAConfigFile() throws IOException {
        Path cfg = tmp.resolve("tune.yaml");
        Files.writeString(cfg, """
                dataset: synth
                split: u1
                metrics: [rmse]
                algorithms:
                  - name: bias
                    params: {iterations: 2}
                    tune: {regUser: [1, 30]}
                """);
        data();
        Cli.Result r = Cli.run("tune", "--config", cfg.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 candidates of 2");
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("best: bias iterations=2 regUser=");
    }

    @Test
    void tuneMistakesAreOneLineNamingTheAlgorithmAndKey() throws IOException {
        String d = tmp.resolve("missing").toString();
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "regUsr=1,2"),
                "bias: unknown key 'regUsr'", "regUser (float)");
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "regUser=1,x"),
                "bias: regUser='x' is not a valid float");
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "fm.rank=1,2"),
                "names algorithm 'fm', which is not in --algo bias");
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "regUser=1"),
                "nothing to tune");
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "regUser=1,2",
                "--search", "bayes"), "unknown --search 'bayes'");
        assertUserError(Cli.run("tune", "--data", d, "--split", "u1", "--algo", "bias", "--param", "regUser=1,2",
                "--metric", "ndgc@10"), "unknown metric 'ndgc'");
        assertUserError(Cli.run("tune", "--data", d, "--algo", "bias", "--param", "regUser=1,2"), "--split");
    }

    @Test
    void trainTakesBareQualifiedAndNestedParamsAndConfigFiles() throws IOException {
        Path d = data();
        Path model = tmp.resolve("m.bin");
        Cli.Result r = Cli.run("train", "--data", d.toString(), "--algo", "blend", "--param",
                "models=[{algorithm: bias, params: {iterations: 2}}, {algorithm: global-mean}]",
                "--param", "blend.ridge=2", "--out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var h = ModelIO.load(model).model().provenance().hyperparameters();
        assertThat(h).containsEntry("ridge", "2.0")
                .containsEntry("models", "[{algorithm: bias, params: {iterations: 2}}, {algorithm: global-mean, params: {}}]");
        assertUserError(Cli.run("train", "--data", d.toString(), "--algo", "blend", "--param",
                "models=[{algorithm: bias, params: {iterations: 0}}]", "--out", model.toString()),
                "blend: ", "models[0] (bias)", "iterations");

        Path cfg = tmp.resolve("exp.yaml");
        Files.writeString(cfg, """
                dataset: synth
                seed: 3
                algorithms:
                  - name: bias
                    params: {regUser: 7, iterations: 2}
                """);
        Path m2 = tmp.resolve("m2.bin");
        r = Cli.run("train", "--config", cfg.toString(), "--param", "iterations=3", "--out", m2.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        h = ModelIO.load(m2).model().provenance().hyperparameters();
        assertThat(h).containsEntry("regUser", "7.0").containsEntry("iterations", "3");
        assertUserError(Cli.run("train", "--config", cfg.toString(), "--algo", "bias", "--out", m2.toString()),
                "either in --config or with --algo");
        Files.writeString(cfg, "algorithms:\n  - name: bias\n    params: {regUsr: 7}\n");
        assertUserError(Cli.run("train", "--config", cfg.toString(), "--data", d.toString(), "--out", m2.toString()),
                "config file", "algorithms[0]", "bias: unknown key 'regUsr'");
    }

    @Test
    void evaluateTakesBareParamsWithOneAlgorithmAndConfigFiles() throws IOException {
        Path d = data();
        Cli.Result r = Cli.run("evaluate", "--data", d.toString(), "--split", "u1", "--algo", "bias", "--param",
                "regUser=9", "--format", "json", "--topk", "none");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("rows").get(0).get("params").get("regUser").asText()).isEqualTo("9");
        assertUserError(Cli.run("evaluate", "--data", d.toString(), "--split", "u1", "--algo", "bias,popularity",
                "--param", "regUser=9"), "say which one", "bias, popularity");

        Path cfg = tmp.resolve("exp.json");
        Files.writeString(cfg, "{\"dataset\": \"synth\", \"split\": \"u1\", \"seed\": 5, \"algorithms\": "
                + "[{\"name\": \"bias\", \"params\": {\"regUser\": 4}}, {\"name\": \"popularity\"}]}");
        r = Cli.run("evaluate", "--config", cfg.toString(), "--param", "bias.iterations=2", "--format", "json",
                "--topk", "none");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("seed").asLong()).isEqualTo(5);
        assertThat(root.get("rows")).hasSize(2);
        assertThat(root.get("rows").get(0).get("params").get("regUser").asText()).isEqualTo("4");
        assertThat(root.get("rows").get(0).get("params").get("iterations").asText()).isEqualTo("2");
        assertThat(root.get("rows").get(1).get("algorithm").asText()).isEqualTo("popularity");
    }
}

package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;

/** {@code movierec model info FILE}: provenance, hyperparameters, history, size, format and capabilities. */
class ModelInfoCommandTest {
    @TempDir
    static Path tmp;

    static Path bias;
    static Path toy;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = Ml100kFiles.write(SyntheticGenerator.generate(SyntheticGenerator.Config.of(30, 40, 300, 3)),
                tmp.resolve("synth"));
        bias = tmp.resolve("bias.bin");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--algo", "bias", "--split", "random:0.8",
                "--param", "iterations=4", "--seed", "7", "--out", bias.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        toy = tmp.resolve("toy.bin");
        ModelIO.Saved saved = ModelIO.load(bias);
        ModelIO.save(ToyModel.of(saved.train()), saved.train(), toy);
    }

    @Test
    void tableShowsProvenanceHistoryAndCapabilities() throws Exception {
        Cli.Result r = Cli.run("model", "info", bias.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Provenance p = ModelIO.readHeader(bias).provenance();
        java.util.List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("format version         2 (this movierec reads 1..3)",
                String.format(java.util.Locale.ROOT, "size                   %,d bytes (%.1f MiB)", Files.size(bias),
                        Files.size(bias) / 1048576.0),
                "algorithm              bias",
                "can                    recommend (top-N lists), rating prediction",
                "cannot                 fold-in (new users from ratings, recommend --rate), similar movies",
                "dataset fingerprint    " + p.datasetFingerprint(),
                "training data in file  30 users, 40 movies, 240 ratings",
                "split                  random:0.8",
                "seed                   " + p.seed(),
                "training history 4 epochs",
                "  iterations  4");
        assertThat(r.out()).contains("validation metrics\n  mae ↓   ", "\n  rmse ↓  ").contains("docs/EVALUATION.md");
        // Hyperparameters sorted by name.
        assertThat(r.out().indexOf("  iterations")).isLessThan(r.out().indexOf("  regItem"));
        assertThat(r.out().indexOf("  regItem")).isLessThan(r.out().indexOf("  regUser"));
        // One line per epoch, numbered 1..4.
        assertThat(r.out().lines().filter(l -> l.matches("  [1-4]  +\\d+\\.\\d{4}.*"))).hasSize(4);
        assertThat(r.out().lines().toList()).doesNotHaveDuplicates();
    }

    @Test
    void jsonHasEveryField() throws Exception {
        Cli.Result r = Cli.run("model", "info", toy.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("sizeBytes").asLong()).isEqualTo(Files.size(toy));
        assertThat(root.get("formatVersion").asInt()).isEqualTo(ModelIO.FORMAT_VERSION);
        JsonNode caps = root.get("capabilities");
        assertThat(caps.get("recommend").asBoolean()).isTrue();
        assertThat(caps.get("foldIn").asBoolean()).isTrue();
        assertThat(caps.get("similar").asBoolean()).isTrue();
        assertThat(root.get("trainingData").get("movies").asInt()).isEqualTo(40);
        assertThat(root.has("hyperparameters")).isTrue();
        assertThat(root.get("history").isArray()).isTrue();

        JsonNode b = new ObjectMapper().readTree(Cli.run("model", "info", bias.toString(), "--format", "json").out());
        assertThat(b.get("capabilities").get("ratingPrediction").asBoolean()).isTrue();
        assertThat(b.get("capabilities").get("similar").asBoolean()).isFalse();
        assertThat(b.get("history")).hasSize(4);
        assertThat(b.get("history").get(0).get("epoch").asInt()).isEqualTo(1);
        assertThat(b.get("hyperparameters").get("iterations").asText()).isEqualTo("4");
        assertThat(b.get("seed").asLong()).isEqualTo(ModelIO.readHeader(bias).provenance().seed());
        assertThat(b.get("higherIsBetter").get("rmse").asBoolean()).isFalse();
        assertThat(b.get("datasetFingerprint").asText()).isNotEmpty();
    }

    @Test
    void badFilesAreOneLineErrors() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.bin"), "not a model");
        Cli.Result r = Cli.run("model", "info", junk.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: ").contains("not a movierec model");
        Cli.Result missing = Cli.run("model", "info", tmp.resolve("nope.bin").toString());
        assertThat(missing.errLines()[0]).contains("no such model file");
    }
}

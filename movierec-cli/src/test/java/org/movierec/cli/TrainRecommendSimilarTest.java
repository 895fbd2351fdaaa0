package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;

/**
 * End to end through the command line: {@code train} on a small synthetic dataset written as
 * ML-100k files, then {@code recommend} and {@code similar} on the saved model, checked against
 * answers recomputed independently from the loaded model's parameters.
 */
class TrainRecommendSimilarTest {
    @TempDir
    static Path tmp;

    static Path dataDir;
    static Dataset data;

    @BeforeAll
    static void writeData() throws Exception {
        Dataset synthetic = SyntheticGenerator.generate(SyntheticGenerator.Config.of(60, 50, 900, 7));
        dataDir = Ml100kFiles.write(synthetic, tmp.resolve("synth"));
        data = DatasetReader.read(dataDir);
        // A predefined split as ML-100k has: every 5th rating in file order goes to u1.test.
        Interactions in = data.interactions();
        try (BufferedWriter base = Files.newBufferedWriter(dataDir.resolve("u1.base"), StandardCharsets.ISO_8859_1);
             BufferedWriter test = Files.newBufferedWriter(dataDir.resolve("u1.test"), StandardCharsets.ISO_8859_1)) {
            for (int p = 0; p < in.size(); p++) {
                (p % 5 == 4 ? test : base).write(data.users().ids().externalId(in.user(p)) + "\t"
                        + data.movies().ids().externalId(in.item(p)) + "\t" + (int) in.rating(p) + "\t"
                        + in.timestamp(p) + "\n");
            }
        }
    }

    private static Path trainBias(String name, String... extra) {
        Path model = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", dataDir.toString(), "--algo", "bias",
                "--out", model.toString()));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return model;
    }

    @Test
    void trainSavesAModelWithProvenanceAndPrintsItsSummary() throws Exception {
        Path model = tmp.resolve("summary.bin");
        Cli.Result r = Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--param", "regUser=5",
                "--param", "iterations=3", "--out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        ModelIO.Saved saved = ModelIO.load(model);
        Provenance p = saved.model().provenance();
        assertThat(p.algorithm()).isEqualTo("bias");
        assertThat(p.hyperparameters()).containsEntry("regUser", "5.0").containsEntry("iterations", "3")
                .containsEntry("regItem", String.valueOf(BiasBaseline.Config.DEFAULTS.regItem()));
        assertThat(p.split()).isEqualTo("all");
        assertThat(p.datasetFingerprint()).isEqualTo(data.fingerprint());
        assertThat(saved.train().interactions().size()).isEqualTo(data.interactions().size());
        assertThat(r.out()).contains("trained bias on ", "regUser=5.0", "iterations=3",
                "dataset fingerprint: " + data.fingerprint(), "training time:", "saved: " + model);
    }

    @Test
    void trainOnAPredefinedSplitUsesTheBaseFileAndReportsValidation() throws Exception {
        Path model = trainBias("u1.bin", "--split", "u1");
        ModelIO.Saved saved = ModelIO.load(model);
        int n = data.interactions().size();
        // p % 5 == 4 went to the test file: n / 5 of them, rounded down.
        assertThat(saved.train().interactions().size()).isEqualTo(n - n / 5);
        assertThat(saved.model().provenance().split()).isEqualTo("u1");
        assertThat(saved.model().provenance().validationMetrics()).containsKeys("rmse", "mae");
    }

    @Test
    void seedIsNotedAndIgnoredForAnAlgorithmWithoutOne() throws Exception {
        Path model = tmp.resolve("seeded.bin");
        Cli.Result r = Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--seed", "99",
                "--out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("'bias' has no seed");
        assertThat(ModelIO.load(model).model().provenance().seed()).isZero();
    }

    /** The top unrated movies by {@code b_i} (ties: lower dense index first), as external ids. */
    private static List<Integer> expectedTop(BiasBaseline.Model m, Dataset train, int user, int k) {
        Set<Integer> rated = new HashSet<>();
        Interactions in = train.interactions();
        for (int p = in.userStart(user); p < in.userEnd(user); p++) {
            rated.add(in.item(p));
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < train.numItems(); i++) {
            if (!rated.contains(i)) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -m.itemBias(i)).thenComparingInt(i -> i));
        List<Integer> out = new ArrayList<>();
        for (int i : candidates.subList(0, k)) {
            out.add(train.movies().ids().externalId(i));
        }
        return out;
    }

    private static List<Integer> movieColumn(String table) {
        List<Integer> ids = new ArrayList<>();
        for (String line : table.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                ids.add(Integer.parseInt(f[1]));
            }
        }
        return ids;
    }

    @Test
    void recommendListsTheBestUnratedMoviesAsTableAndJson() throws Exception {
        Path model = trainBias("rec.bin");
        ModelIO.Saved saved = ModelIO.load(model);
        BiasBaseline.Model bias = (BiasBaseline.Model) saved.model();
        Dataset train = saved.train();
        int user = 3;
        int userId = train.users().ids().externalId(user);
        List<Integer> expected = expectedTop(bias, train, user, 5);

        Cli.Result table = Cli.run("recommend", "--model", model.toString(), "--user", Integer.toString(userId),
                "-n", "5");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(movieColumn(table.out())).containsExactlyElementsOf(expected);
        int first = train.movies().ids().indexOf(expected.get(0));
        assertThat(table.out()).contains(MovieList.displayTitle(train.movies().title(first), train.movies().year(first)));

        Cli.Result json = Cli.run("recommend", "--model", model.toString(), "--user", Integer.toString(userId),
                "-n", "5", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("user").asInt()).isEqualTo(userId);
        JsonNode items = root.get("items");
        assertThat(items).hasSize(5);
        for (int r = 0; r < 5; r++) {
            JsonNode it = items.get(r);
            int movie = it.get("movie").asInt();
            int i = train.movies().ids().indexOf(movie);
            assertThat(movie).isEqualTo(expected.get(r));
            assertThat(it.get("rank").asInt()).isEqualTo(r + 1);
            assertThat(it.get("title").asText()).isEqualTo(train.movies().title(i));
            assertThat(it.get("year").asInt()).isEqualTo(train.movies().year(i));
            assertThat(it.get("genres")).hasSize(train.movies().genreNames(i).size());
            // A bias model's score is its rating prediction mu + b_u + b_i.
            assertThat(it.get("score").asDouble())
                    .isCloseTo(bias.mean() + bias.userBias(user) + bias.itemBias(i), within(1e-5));
        }
    }

    @Test
    void recommendCountIsCappedByTheUnratedMovies() throws Exception {
        Path model = trainBias("cap.bin");
        Dataset train = ModelIO.load(model).train();
        int user = 0;
        int unrated = train.numItems() - train.interactions().userCount(user);
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--user",
                Integer.toString(train.users().ids().externalId(user)), "-n", Integer.toString(train.numItems()));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(unrated).isLessThan(train.numItems());
        assertThat(movieColumn(r.out())).hasSize(unrated).doesNotHaveDuplicates();
    }

    @Test
    void similarAndFoldInWorkForAModelWithThoseCapabilities() throws Exception {
        Path model = tmp.resolve("toy.bin");
        ModelIO.save(ToyModel.of(data), data, model);

        // Similarity -|v_i - v_10| with v = movie id: 9 and 11 tie at -1, then 8 and 12 at -2; ties go
        // to the lower index, and movie 10 itself is left out.
        Cli.Result sim = Cli.run("similar", "--model", model.toString(), "--movie", "10", "-n", "4");
        assertThat(sim.exitCode()).as(sim.toString()).isZero();
        assertThat(movieColumn(sim.out())).containsExactly(9, 11, 8, 12);

        // New user rates 10=5, 30=1: score_j = -5|j-10| - |j-30|. j=10: -20 (rated, excluded),
        // j=11: -5-19 = -24, j=9: -5-21 = -26, j=12: -10-18 = -28, j=8: -10-22 = -32 = j=13: -15-17
        // (tie: lower index first).
        Cli.Result rec = Cli.run("recommend", "--model", model.toString(), "--rate", "10=5,30=1", "-n", "5");
        assertThat(rec.exitCode()).as(rec.toString()).isZero();
        assertThat(movieColumn(rec.out())).containsExactly(11, 9, 12, 8, 13);

        Cli.Result json = Cli.run("recommend", "--model", model.toString(), "--rate", "10=5", "--rate", "30=1",
                "-n", "1", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("items").get(0).get("movie").asInt()).isEqualTo(11);
        assertThat(root.get("items").get(0).get("score").asDouble()).isEqualTo(-24.0);
        assertThat(root.get("ratings").get("30").asDouble()).isEqualTo(1.0);
    }

    /**
     * Issue 11: fm showed 5.31 in {@code recommend} while {@code evaluate} clips to the scale. A rating
     * model whose predictions go past 5 (mean 4.5, item biases up to +0.98, no factors) shows them
     * clipped to 5 in {@code recommend --user}, {@code --rate} and {@code --all}, in the model's order.
     */
    @Test
    void predictedRatingsAreShownClippedToTheScaleEverywhere() throws Exception {
        int nu = data.numUsers();
        int ni = data.numItems();
        float[] itemBias = new float[ni];
        for (int i = 0; i < ni; i++) {
            itemBias[i] = 0.02f * i;
        }
        Provenance prov = new Provenance("biased-mf", java.util.Map.of(), 0, data.name(), data.fingerprint(), "all",
                "test", "2026-01-01T00:00:00Z", 0, java.util.Map.of());
        org.movierec.algo.RatingFactorModel m = org.movierec.algo.FactorModel.biased("biased-mf", prov, 1, 4.5f,
                new float[nu], itemBias, new float[nu], new float[ni], 0.02f);
        Path model = tmp.resolve("over5.bin");
        ModelIO.save(m, data, model);
        int user = 0;
        // Unclipped, the best unrated movie of user 0 is predicted 4.5 + 0.02 i for the highest unrated i > 25.
        float[] raw = new float[ni];
        m.scoreAll(user, raw);
        float top = Float.NEGATIVE_INFINITY;
        Set<Integer> rated = new HashSet<>();
        Interactions in = data.interactions();
        for (int p = in.userStart(user); p < in.userEnd(user); p++) {
            rated.add(in.item(p));
        }
        for (int i = 0; i < ni; i++) {
            if (!rated.contains(i)) {
                top = Math.max(top, raw[i]);
            }
        }
        assertThat(top).as("the fixture predicts past the scale").isGreaterThan(5.3f);

        Cli.Result json = Cli.run("recommend", "--model", model.toString(), "--user",
                Integer.toString(data.users().ids().externalId(user)), "-n", "5", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode items = new ObjectMapper().readTree(json.out()).get("items");
        assertThat(items).hasSize(5);
        int previous = Integer.MAX_VALUE;
        for (JsonNode it : items) {
            assertThat(it.get("score").asDouble()).isEqualTo(5.0);
            // Ranked by the unclipped prediction: movie index (= item bias order) descending.
            int idx = data.movies().ids().indexOf(it.get("movie").asInt());
            assertThat(idx).isLessThan(previous);
            previous = idx;
        }

        int first = data.movies().ids().externalId(0);
        Cli.Result rate = Cli.run("recommend", "--model", model.toString(), "--rate", first + "=5", "-n", "3",
                "--format", "json");
        assertThat(rate.exitCode()).as(rate.toString()).isZero();
        for (JsonNode it : new ObjectMapper().readTree(rate.out()).get("items")) {
            assertThat(it.get("score").asDouble()).isEqualTo(5.0);
        }

        Path csv = tmp.resolve("over5.csv");
        Cli.Result all = Cli.run("recommend", "--model", model.toString(), "--all", "--out", csv.toString(), "-n", "3");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 3 * nu);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(Double.parseDouble(line.split(",")[3])).as(line).isLessThanOrEqualTo(5.0);
        }
    }

    /** Issue 11: {@code train --out} into a directory that does not exist used to create it silently. */
    @Test
    void trainRefusesAnOutputDirectoryThatDoesNotExistAndCreatesNothing() {
        Path missing = tmp.resolve("no-such-dir");
        Path model = missing.resolve("deeper").resolve("x.bin");
        Cli.Result r = Cli.run("train", "--data", dataDir.toString(), "--algo", "bias", "--out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: --out " + model).contains("directory " + missing.resolve("deeper"))
                .contains("does not exist");
        assertThat(r.out()).as("nothing was trained").isEmpty();
        assertThat(missing).doesNotExist();

        Cli.Result all = Cli.run("recommend", "--model", trainBias("for-all.bin").toString(), "--all", "--out",
                missing.resolve("recs.csv").toString());
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(2);
        assertThat(all.err()).contains("directory " + missing).contains("does not exist");
        assertThat(missing).doesNotExist();
    }
}

package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ModelIO;
import org.movierec.rec.Recommender;

/** {@code recommend --all --out}: every user's list as CSV, equal to the one-user path; HNSW close to it. */
class RecommendAllTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void train() throws Exception {
        model = trainAls(tmp);
    }

    /** An ALS model (rank 8) of 80 synthetic users over 120 movies, trained by the command into {@code dir/als.bin}. */
    static Path trainAls(Path dir) throws Exception {
        Dataset synthetic = SyntheticGenerator.generate(SyntheticGenerator.Config.of(80, 120, 2400, 3));
        Path data = Ml100kFiles.write(synthetic, dir.resolve("synth"));
        Path out = dir.resolve("als.bin");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--algo", "als", "--param", "factors=8",
                "--param", "iterations=5", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return out;
    }

    /** user id -> movie ids in rank order. */
    private static Map<Integer, List<Integer>> read(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("userId,rank,movieId,score");
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            List<Integer> l = out.computeIfAbsent(Integer.parseInt(f[0]), u -> new ArrayList<>());
            assertThat(Integer.parseInt(f[1])).isEqualTo(l.size() + 1);
            l.add(Integer.parseInt(f[2]));
        }
        return out;
    }

    /** "user,movie" -> score. */
    private static Map<String, Float> scores(Path csv) throws Exception {
        Map<String, Float> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(f[0] + "," + f[2], Float.parseFloat(f[3]));
        }
        return out;
    }

    @Test
    void exactListsEqualTheOneUserPath() throws Exception {
        Path csv = tmp.resolve("recs.csv");
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--all", "--out", csv.toString(), "-n", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote top 5 for 80 users").contains("index exact");
        Map<Integer, List<Integer>> got = read(csv);
        assertThat(got).hasSize(80);
        ModelIO.Saved saved = ModelIO.load(model);
        Dataset train = saved.train();
        Recommender rec = new Recommender(RecommendCommand.scorerOf(saved.model(), train.numItems()),
                train.interactions());
        for (int u = 0; u < train.numUsers(); u++) {
            Recommender.Ranked want = rec.recommend(u, 5);
            List<Integer> ids = new ArrayList<>();
            for (int i : want.items()) {
                ids.add(train.movies().ids().externalId(i));
            }
            assertThat(got.get(train.users().ids().externalId(u))).as("user index " + u).isEqualTo(ids);
        }
    }

    @Test
    void hnswListsMostlyAgreeAndExcludeRatedMovies() throws Exception {
        Path exact = tmp.resolve("exact.csv");
        Path approx = tmp.resolve("hnsw.csv");
        assertThat(Cli.run("recommend", "--model", model.toString(), "--all", "--out", exact.toString())
                .exitCode()).isZero();
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--all", "--out", approx.toString(),
                "--index", "hnsw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("index hnsw");
        Map<Integer, List<Integer>> e = read(exact);
        Map<Integer, List<Integer>> a = read(approx);
        ModelIO.Saved saved = ModelIO.load(model);
        Dataset train = saved.train();
        long hits = 0;
        long total = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            Set<Integer> rated = new HashSet<>();
            for (int p = train.interactions().userStart(u); p < train.interactions().userEnd(u); p++) {
                rated.add(train.movies().ids().externalId(train.interactions().item(p)));
            }
            List<Integer> al = a.get(train.users().ids().externalId(u));
            assertThat(al).doesNotContainAnyElementsOf(rated);
            Set<Integer> el = new HashSet<>(e.get(train.users().ids().externalId(u)));
            total += el.size();
            for (int m : al) {
                hits += el.contains(m) ? 1 : 0;
            }
        }
        assertThat((double) hits / total).as("recall@10 of hnsw vs exact").isGreaterThanOrEqualTo(0.98);
        // the written scores are the model's, as in the exact list (not the index's inner products)
        Map<String, Float> es = scores(exact);
        Map<String, Float> as = scores(approx);
        int same = 0;
        for (var entry : as.entrySet()) {
            Float x = es.get(entry.getKey());
            if (x != null) {
                assertThat(entry.getValue()).as("score of user,movie %s", entry.getKey()).isCloseTo(x,
                        org.assertj.core.data.Offset.offset(1e-4f));
                same++;
            }
        }
        assertThat(same).isGreaterThan(700);
    }

    @Test
    void everyInnerProductModelCanBeIndexed() throws Exception {
        Path dir = tmp.resolve("synth");
        for (String algo : List.of("biased-mf", "bpr")) {
            Path m = tmp.resolve(algo + "-indexed.bin");
            Cli.Result t = Cli.run("train", "--data", dir.toString(), "--algo", algo, "--param", "factors=8",
                    "--param", "epochs=5", "--out", m.toString(), "--index", "hnsw");
            assertThat(t.exitCode()).as(t.err()).isZero();
            assertThat(t.out()).contains("index: hnsw over 120 movies");
            Path exact = tmp.resolve(algo + "-exact.csv");
            Path approx = tmp.resolve(algo + "-hnsw.csv");
            assertThat(Cli.run("recommend", "--model", m.toString(), "--all", "--out", exact.toString())
                    .exitCode()).isZero();
            Cli.Result r = Cli.run("recommend", "--model", m.toString(), "--all", "--out", approx.toString(),
                    "--index", "hnsw");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("index hnsw, read from");
            Map<String, Float> es = scores(exact);
            Map<String, Float> as = scores(approx);
            long hits = as.keySet().stream().filter(es::containsKey).count();
            assertThat((double) hits / es.size()).as("%s: recall@10 of hnsw vs exact", algo)
                    .isGreaterThanOrEqualTo(0.98);
            for (var e : as.entrySet()) {
                if (es.containsKey(e.getKey())) {
                    assertThat(e.getValue()).as("%s score of %s", algo, e.getKey()).isCloseTo(es.get(e.getKey()),
                            org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void anIndexStoredAtTrainTimeIsReadBackAndAnswersAsABuiltOne() throws Exception {
        Path dir = tmp.resolve("synth");
        Path m = tmp.resolve("als-indexed.bin");
        Path sidecar = tmp.resolve("als-indexed.bin.index");
        Cli.Result t = Cli.run("train", "--data", dir.toString(), "--algo", "als", "--param", "factors=8",
                "--param", "iterations=5", "--out", m.toString(), "--index", "hnsw");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("index: hnsw over 120 movies").contains(sidecar.toString());
        assertThat(sidecar).isRegularFile();

        Path fromFile = tmp.resolve("from-file.csv");
        Cli.Result r = Cli.run("recommend", "--model", m.toString(), "--all", "--out", fromFile.toString(),
                "--index", "hnsw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("index hnsw, read from " + sidecar);

        // The same lists as an index built now (the build is deterministic), byte for byte.
        Path kept = tmp.resolve("kept.index");
        Files.move(sidecar, kept);
        Path built = tmp.resolve("built.csv");
        r = Cli.run("recommend", "--model", m.toString(), "--all", "--out", built.toString(), "--index", "hnsw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("index hnsw, built");
        assertThat(Files.readAllBytes(fromFile)).isEqualTo(Files.readAllBytes(built));

        // Retrained onto the same file without an index: the old index goes; put back, it is refused as stale.
        t = Cli.run("train", "--data", dir.toString(), "--algo", "als", "--param", "factors=8", "--param",
                "iterations=6", "--out", m.toString(), "--index", "exact");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(sidecar).doesNotExist();
        Files.move(kept, sidecar);
        r = Cli.run("recommend", "--model", m.toString(), "--all", "--out", built.toString(), "--index", "hnsw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("note: not using " + sidecar).contains("built on other item vectors")
                .contains("index hnsw, built");
    }

    @Test
    void trainRefusesAnHnswIndexForAModelWithoutFactorsBeforeTraining() {
        Cli.Result t = Cli.run("train", "--data", tmp.resolve("synth").toString(), "--algo", "ease",
                "--out", tmp.resolve("ease.bin").toString(), "--index", "hnsw");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("--index hnsw needs a model whose scores are inner products of factors, "
                + "which 'ease' does not make (").contains("als, biased-mf, bpr, ials, svdpp do)");
        assertThat(tmp.resolve("ease.bin")).doesNotExist();
    }

    @Test
    void badIndexNamesTheChoices() {
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--all", "--out",
                tmp.resolve("x.csv").toString(), "--index", "annoy");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("auto, exact, hnsw");
    }
}

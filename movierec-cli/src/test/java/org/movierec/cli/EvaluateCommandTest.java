package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;
import org.movierec.eval.Report;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.testing.Fixtures;
import picocli.CommandLine;

class EvaluateCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Writes a synthetic dataset in the ML-100k layout (u.data, u.item, u.user, u.genre) plus a
     * predefined fold u1 (every 5th rating of each user in u1.test), so the CLI reads it like the real one.
     */
    static Path writeSynthetic(Path dir) throws IOException {
        Files.createDirectories(dir);
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(150, 120, 4_000, 4, 0.5, 0.8, 5, false, 2));
        Interactions in = d.interactions();
        StringBuilder data = new StringBuilder();
        StringBuilder base = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int u = 0; u < in.numUsers(); u++) {
            for (int p = in.userStart(u), k = 0; p < in.userEnd(u); p++, k++) {
                String line = d.users().ids().externalId(u) + "\t" + d.movies().ids().externalId(in.item(p)) + "\t"
                        + (int) in.rating(p) + "\t" + in.timestamp(p) + "\n";
                data.append(line);
                (k % 5 == 4 ? test : base).append(line);
            }
        }
        Movies m = d.movies();
        int ng = m.genreVocabulary().size();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < m.size(); i++) {
            items.append(m.ids().externalId(i)).append('|').append(m.title(i)).append("|01-Jan-").append(m.year(i))
                    .append("||http://example.org/");
            for (int g = 0; g < ng; g++) {
                items.append('|').append(m.hasGenre(i, g) ? 1 : 0);
            }
            items.append('\n');
        }
        StringBuilder genres = new StringBuilder();
        for (int g = 0; g < ng; g++) {
            genres.append(m.genreVocabulary().get(g)).append('|').append(g).append('\n');
        }
        Users us = d.users();
        StringBuilder users = new StringBuilder();
        for (int u = 0; u < us.size(); u++) {
            users.append(us.ids().externalId(u)).append('|').append(us.age(u)).append('|')
                    .append(us.gender(u) == Users.GENDER_MALE ? "M" : "F").append('|').append(us.occupationName(u))
                    .append('|').append(us.zip(u)).append('\n');
        }
        Files.writeString(dir.resolve("u.data"), data, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u1.base"), base, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u1.test"), test, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.item"), items, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.genre"), genres, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.user"), users, StandardCharsets.ISO_8859_1);
        return dir;
    }

    @Test
    void jsonReportToAFileWithFoldSizesOnTheConsole() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Path out = Files.createDirectories(tmp.resolve("report")).resolve("eval.json");
        Run r = run("evaluate", "--data", data.toString(), "--split", "kfold:3", "--algo", "bias,popularity",
                "--param", "bias.regUser=5", "--seed", "7", "--format", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fold-1/3: train ").contains("fold-3/3: train ").contains("wrote " + out);
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertThat(root.get("split").asText()).isEqualTo("kfold:3");
        assertThat(root.get("seed").asLong()).isEqualTo(7);
        assertThat(root.get("rows")).hasSize(6);
        JsonNode first = root.get("rows").get(0);
        assertThat(first.get("algorithm").asText()).isEqualTo("bias");
        assertThat(first.get("params").get("regUser").asText()).isEqualTo("5");
        assertThat(first.get("metrics").has("rmse")).isTrue();
        assertThat(root.get("rows").get(1).get("metrics").has("ndcg@10")).isTrue();
        assertThat(root.get("summary")).hasSize(2);
    }

    @Test
    void tableOnStdoutForAPredefinedFold() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Run r = run("evaluate", "--data", data.toString(), "--split", "u1", "--algo", "global-mean,bias", "--k", "5",
                "--topk", "1,10");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(1)).startsWith("  u1: train ").contains("| validation - | test ");
        assertThat(r.out()).contains("precision@5").contains("topk_accuracy_unseen@10").doesNotContain("@100");
        // global-mean appears in the rating table only; bias in the rating, ranking, beyond-accuracy and
        // top-K tables, then in the comparisons with global-mean on the rating metrics both have per user.
        assertThat(lines.stream().filter(l -> l.startsWith("global-mean "))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("bias ") && !l.startsWith("bias vs"))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.startsWith("bias vs global-mean")).map(l -> l.split("\\s+")[3]))
                .containsExactly("rmse", "mae", "mape", "mae_norm", "mape_norm");
        assertThat(r.out()).contains("novelty@5", "diversity@5", "arp@5", "coverage@5", Report.COMPARISON_NOTE);
    }

    @Test
    void perUserCsvAndPairedTests() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Path csv = tmp.resolve("per-user.csv");
        Path out = tmp.resolve("eval.json");
        Run r = run("evaluate", "--data", data.toString(), "--split", "u1", "--algo", "popularity,user-knn",
                "--format", "json", "--out", out.toString(), "--per-user", csv.toString(), "--topk", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("algorithm,fold,user,precision@10,recall@10,ndcg@10,map@10,mrr@10,"
                + "hit_rate@10,novelty@10,diversity@10,arp@10,rmse,mae,mape,mae_norm,mape_norm");
        // Every user has test ratings in u1 (every 5th rating), once per algorithm; popularity has no rmse.
        assertThat(lines).hasSize(1 + 2 * 150);
        assertThat(lines.get(1)).startsWith("popularity,u1,").endsWith(",,,,,");
        assertThat(lines.get(151)).startsWith("user-knn,u1,");
        assertThat(lines.get(151).split(",", -1)).hasSize(17);
        assertThat(lines.get(151).split(",", -1)[12]).isNotEmpty(); // user-knn's rmse
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        JsonNode c = root.get("comparisons");
        assertThat(c).isNotNull();
        assertThat(c.get(0).get("reference").asText()).isEqualTo("popularity");
        assertThat(c.get(0).get("algorithm").asText()).isEqualTo("user-knn");
        assertThat(c.get(0).get("metric").asText()).isEqualTo("precision@10");
        double p = c.get(0).get("t_test_p").asDouble();
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(c.get(0).get("wilcoxon_p").asDouble()).isBetween(0.0, 1.0);
        // The mean difference is the difference of the two rows' means (the same users have a value in both).
        double diff = root.get("rows").get(1).get("metrics").get("ndcg@10").asDouble()
                - root.get("rows").get(0).get("metrics").get("ndcg@10").asDouble();
        assertThat(c.get(2).get("metric").asText()).isEqualTo("ndcg@10");
        assertThat(c.get(2).get("mean_diff").asDouble()).isCloseTo(diff, within(1e-12));
    }

    /** The README's commands table names every option of evaluate (not those of the shared reader mixin). */
    @Test
    void readmeRowNamesEveryOption() throws IOException {
        String row = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("| `evaluate ")).findFirst().orElseThrow();
        CommandLine.Model.CommandSpec spec = Main.commandLine().getSubcommands().get("evaluate").getCommandSpec();
        java.util.Set<String> mixin = new java.util.HashSet<>();
        spec.mixins().values().forEach(m -> m.options().forEach(o -> mixin.add(o.longestName())));
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (!mixin.contains(name) && !name.equals("--help") && !name.equals("--version")) {
                assertThat(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name) + "(?![\\w-])")
                        .matcher(row).find()).as("README's evaluate row names %s", name).isTrue();
            }
        }
    }

    @Test
    void metricsSelectWhatIsReported() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Path csv = tmp.resolve("per-user.csv");
        Run r = run("evaluate", "--data", data.toString(), "--split", "u1", "--algo", "bias,user-knn", "--format",
                "json", "--topk", "none", "--metrics", "rmse,ndcg,arp@10", "--per-user", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> names = new java.util.ArrayList<>();
        root.get("rows").get(0).get("metrics").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("rmse", "ndcg@10", "arp@10");
        List<String> compared = new java.util.ArrayList<>();
        root.get("comparisons").forEach(c -> compared.add(c.get("metric").asText()));
        assertThat(compared).containsExactly("rmse", "ndcg@10", "arp@10");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("algorithm,fold,user,rmse,ndcg@10,arp@10");
    }

    @Test
    void perUserIntoAMissingDirectoryFailsBeforeEvaluating() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Run r = run("evaluate", "--data", data.toString(), "--split", "u1", "--algo", "bias", "--per-user",
                tmp.resolve("nope/per-user.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: --per-user ").contains("does not exist").doesNotContain("\n");
        assertThat(r.out()).doesNotContain("u1: train");
    }

    @Test
    void jsonOnStdoutIsPureJson() throws IOException {
        Path data = writeSynthetic(tmp.resolve("synth"));
        Run r = run("evaluate", "--data", data.toString(), "--split", "temporal-loo", "--algo", "popularity",
                "--format", "json", "--topk", "none");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("rows").get(0).get("fold").asText()).isEqualTo("temporal-loo");
        assertThat(root.get("rows").get(0).get("metrics").has("ndcg@10")).isTrue();
        assertThat(root.get("rows").get(0).get("metrics").has("topk_accuracy@1")).isFalse();
        assertThat(r.err()).contains("temporal-loo: train ");
    }

    @Test
    void userErrorsAreOneLineWithExitCode2() {
        String[][] cases = {
            {"--split", "bogus", "--algo", "bias"},
            {"--split", "kfold:5", "--algo", "nope"},
            {"--split", "kfold:5", "--algo", "bias", "--param", "regUser=3"},
            {"--split", "kfold:5", "--algo", "bias", "--param", "popularity.x=3"},
            {"--split", "kfold:5", "--algo", "bias", "--param", "bias.regUsr=3"},
            {"--split", "kfold:5", "--algo", "bias", "--format", "xml"},
            {"--split", "kfold:5", "--algo", "bias", "--k", "0"},
            {"--split", "kfold:5", "--algo", "bias", "--topk", "1,x"},
            {"--split", "kfold:5", "--algo", "bias", "--metrics", "rmse,nope"},
            {"--split", "kfold:5", "--algo", "bias", "--metrics", "ndcg@5"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "evaluate";
            args[1] = "--data";
            args[2] = tmp.resolve("missing").toString();
            System.arraycopy(c, 0, args, 3, c.length);
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", c)).startsWith("error: ").doesNotContain("\n");
        }
        Run r = run("evaluate", "--data", tmp.resolve("missing").toString(), "--split", "kfold:5", "--algo", "bias");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing").contains("no such directory");
    }

    @Test
    void popularityOnTheRealU1() {
        Path dir = Fixtures.requireMl100k();
        Run r = run("evaluate", "--data", dir.toString(), "--split", "u1", "--algo", "popularity", "--format", "json",
                "--topk", "10");
        assertThat(r.code()).as(r.err()).isZero();
        try {
            JsonNode m = new ObjectMapper().readTree(r.out()).get("rows").get(0).get("metrics");
            assertThat(m.get("precision@10").asDouble()).isCloseTo(0.214, within(0.002));
            assertThat(m.get("ndcg@10").asDouble()).isCloseTo(0.245, within(0.002));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Issue 11: arguments are checked before any work. A bad value for the second algorithm fails before
     * the data is read or the first algorithm trained.
     */
    @Test
    void aBadParameterOfTheLastAlgorithmFailsBeforeAnyTraining() throws Exception {
        Path data = writeSynthetic(tmp.resolve("d"));
        Cli.Result r = Cli.run("evaluate", "--data", data.toString(), "--split", "u1", "--algo", "bias,biased-mf",
                "--param", "biased-mf.factors=-3");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains("factors").contains("-3");
        assertThat(r.out()).as("no data read, no fold described, nothing trained").isEmpty();
    }
}

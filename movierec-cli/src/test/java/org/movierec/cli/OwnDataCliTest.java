package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on a user's own tiny files with string ids (never MovieLens files): data info,
 * train + recommend + similar, evaluate, tune, report data; the refusal of rating algorithms on
 * implicit data; file errors as one line with exit code 2.
 */
class OwnDataCliTest {
    @TempDir
    static Path tmp;

    static Path purchases;
    static Path reviews;
    static Path products;

    @BeforeAll
    static void write() throws Exception {
        // Implicit: sku-1 bought by 5 customers, sku-2 by 4, sku-3 by 3, sku-4 by 2, sku-5 by 1.
        StringBuilder b = new StringBuilder("customer_id;sku;qty\n");
        String[] customers = {"c-anna", "c-ben", "c-cleo", "c-dan", "c-zed"};
        for (int i = 1; i <= 5; i++) {
            for (int c = 0; c < 6 - i; c++) {
                b.append(customers[c]).append(";sku-").append(i).append(';').append(1 + c).append('\n');
            }
        }
        purchases = tmp.resolve("purchases.csv");
        Files.writeString(purchases, b.toString());
        // Explicit 1..10 stars with ISO times.
        StringBuilder r = new StringBuilder("who,what,stars,ts\n");
        String[] users = {"u-a", "u-b", "u-c", "u-d", "u-e", "u-f"};
        for (int u = 0; u < users.length; u++) {
            for (int i = 1; i <= 6; i++) {
                if ((u + i) % 3 != 0) {
                    r.append(users[u]).append(",sku-").append(i).append(',').append(1 + (u * 7 + i * 3) % 10)
                            .append(",2022-01-0").append(1 + (u + i) % 9).append('\n');
                }
            }
        }
        reviews = tmp.resolve("reviews.csv");
        Files.writeString(reviews, r.toString());
        products = tmp.resolve("products.csv");
        Files.writeString(products, """
                sku,name,category
                sku-1,"Kettle, steel",Kitchen
                sku-2,Toaster,Kitchen|Electric
                sku-3,Lamp,Home|Electric
                sku-4,Rug,Home
                sku-5,Vase,Home
                sku-6,Clock,Home
                """);
    }

    private static final String MAP = "user=customer_id,item=sku,weight=qty";

    @Test
    void trainAndRecommendOnImplicitDataWithStringIds() throws Exception {
        Path model = tmp.resolve("pop.bin");
        Cli.Result t = Cli.run("train", "--data", purchases.toString(), "--columns", MAP, "--algo", "popularity",
                "--out", model.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        // A string-id model is written in format 3, which this movierec reads.
        Cli.Result info = Cli.run("model", "info", model.toString());
        assertThat(info.out().lines()).contains("format version         3 (this movierec reads 1..3)");
        // c-dan bought sku-1 and sku-2: the most bought of the rest come next, in order.
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--user", "c-dan", "-n", "3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines[0]).startsWith("Top 3 for user c-dan");
        assertThat(lines[2].trim().split("\\s+")).startsWith("1", "sku-3");
        assertThat(lines[3].trim().split("\\s+")).startsWith("2", "sku-4");
        assertThat(lines[4].trim().split("\\s+")).startsWith("3", "sku-5");
        Cli.Result j = Cli.run("recommend", "--model", model.toString(), "--user", "c-zed", "--format", "json");
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("user").asText()).isEqualTo("c-zed");
        assertThat(root.get("items").get(0).get("movie").asText()).isEqualTo("sku-2");
        Cli.Result unknown = Cli.run("recommend", "--model", model.toString(), "--user", "c-nobody");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(unknown.err()).contains("user c-nobody is not in the model's training data");
    }

    @Test
    void quickstartOnYourOwnFilesPrintsCommandsThatReadThemTheSameWay() throws Exception {
        Path qs = tmp.resolve("qs-own");
        Cli.Result r = Cli.run("quickstart", "--data", purchases.toString(), "--columns", MAP, "--user", "c-dan",
                "--dir", qs.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // implicit feedback: the ranking models only, and the user's own id
        assertThat(r.out()).contains("Evaluating popularity, ease (ranking metrics at 10")
                .contains("User c-dan has 2 items").doesNotContain("global-mean");
        assertThat(r.out()).contains("./movierec evaluate --data " + purchases + " --columns " + MAP
                + " --split random:0.8 --algo popularity,ease");
        String serve = "./movierec serve --model " + qs.resolve("quickstart-ease.bin") + " --data " + purchases
                + " --columns " + MAP;
        assertThat(r.out()).contains(serve + System.lineSeparator());
        Cli.Result unknown = Cli.run("quickstart", "--data", purchases.toString(), "--columns", MAP, "--user",
                "c-nobody", "--dir", qs.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: --user c-nobody is not a user of purchases");
    }

    @Test
    void ratingAlgorithmsRefuseImplicitDataWithOneErrorLine() {
        Cli.Result t = Cli.run("train", "--data", purchases.toString(), "--columns", MAP, "--algo", "svdpp",
                "--out", tmp.resolve("x.bin").toString());
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.errLines()).hasSize(1);
        assertThat(t.err()).startsWith("error: algorithm 'svdpp' needs explicit ratings, but purchases holds implicit "
                + "feedback");
        assertThat(tmp.resolve("x.bin")).doesNotExist();
        Cli.Result e = Cli.run("evaluate", "--data", purchases.toString(), "--columns", MAP, "--algo", "popularity,bias");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).contains("algorithm 'bias' needs explicit ratings");
        Cli.Result tune = Cli.run("tune", "--data", purchases.toString(), "--columns", MAP, "--algo", "ease",
                "--param", "lambda=1,10", "--split", "random:0.8", "--metric", "rmse");
        assertThat(tune.exitCode()).isEqualTo(2);
        assertThat(tune.err()).contains("metric rmse needs explicit ratings");
        assertThat(tune.out()).as("the error is the only output, no heading before it").isEmpty();
        assertThat(tune.errLines()).hasSize(1);
    }

    @Test
    void explicitRatingsOnTheirOwnScaleWithAnItemsFile() throws Exception {
        Path model = tmp.resolve("knn.bin");
        String[] read = {"--columns", "user=who,item=what,rating=stars,time=ts", "--scale", "1..10",
                "--items-file", products.toString(), "--item-columns", "item=sku,title=name,genres=category"};
        Cli.Result info = Cli.run(concat(new String[] {"data", "info", reviews.toString()}, read));
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("rating scale       1 .. 10, step 1").contains("users              6")
                .contains("movies             6").contains("genres yes");
        Cli.Result t = Cli.run(concat(new String[] {"train", "--data", reviews.toString(), "--algo", "item-knn",
                "--out", model.toString()}, read));
        assertThat(t.exitCode()).as(t.toString()).isZero();
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--user", "u-a", "-n", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("sku-\\d");
        Cli.Result s = Cli.run("similar", "--model", model.toString(), "--movie", "sku-2", "-n", "2");
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.out()).startsWith("Most similar to sku-2 Toaster");
        Cli.Result rate = Cli.run("recommend", "--model", model.toString(), "--rate", "sku-1=10,sku-2=1", "-n", "2");
        assertThat(rate.exitCode()).as(rate.toString()).isZero();
        assertThat(rate.out()).doesNotContain(" sku-1 ").doesNotContain(" sku-2 ");
        Cli.Result off = Cli.run("recommend", "--model", model.toString(), "--rate", "sku-1=11");
        assertThat(off.exitCode()).isEqualTo(2);
        assertThat(off.err()).contains("not on the model's rating scale 1.0..10.0");
        Cli.Result ev = Cli.run(concat(new String[] {"evaluate", "--data", reviews.toString(), "--algo", "bias"},
                read));
        assertThat(ev.exitCode()).as(ev.toString()).isZero();
        assertThat(ev.out()).contains("random:0.8").contains("rmse");
        Path html = tmp.resolve("report.html");
        Cli.Result rep = Cli.run(concat(new String[] {"report", "data", reviews.toString(), "--out", html.toString()},
                read));
        assertThat(rep.exitCode()).as(rep.toString()).isZero();
        assertThat(Files.readString(html)).contains("Toaster");
    }

    @Test
    void badFilesAreOneErrorLineWithFileLineAndReason() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "user,item,rating\nu,i,5\nu,j,five\n");
        Cli.Result r = Cli.run("data", "info", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: " + bad + ":3: non-numeric rating 'five'");
        Cli.Result m = Cli.run("data", "info", purchases.toString(), "--columns", "user=customer,item=sku");
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.errLines()).containsExactly("error: " + purchases + ":1: missing column: --columns maps user to "
                + "'customer', which is not in the header (columns: customer_id, sku, qty)");
        Cli.Result json = Cli.run("data", "info", purchases.toString(), "--columns", MAP, "--on-duplicate", "sum",
                "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode info = new ObjectMapper().readTree(json.out());
        assertThat(info.get("feedback").asText()).isEqualTo("implicit");
        assertThat(info.get("ratings").asInt()).isEqualTo(15);
        Cli.Result role = Cli.run("data", "info", purchases.toString(), "--columns", "buyer=customer_id");
        assertThat(role.exitCode()).isEqualTo(2);
        assertThat(role.err()).contains("unknown role 'buyer'");
        Cli.Result dup = Cli.run("data", "info", purchases.toString(), "--columns", "user=customer_id,item=sku",
                "--on-duplicate", "twice");
        assertThat(dup.exitCode()).isEqualTo(2);
        assertThat(dup.err()).contains("--on-duplicate must be error, last or sum");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

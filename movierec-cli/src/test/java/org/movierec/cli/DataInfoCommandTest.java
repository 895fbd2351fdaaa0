package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.Fixtures;

class DataInfoCommandTest {
    @TempDir
    Path tmp;

    /**
     * An ML-100k style directory: 3 users x 3 movies, 5 ratings.
     * u1: m1=5 (1998-01-01), m2=3; u2: m1=4, m3=1; u3: m1=5 (1998-01-03T23:00Z).
     */
    private Path fixture() throws IOException {
        Path d = tmp.resolve("tiny");
        Files.createDirectories(d);
        Files.writeString(d.resolve("u.data"), String.join("\n",
                "1\t1\t5\t883612800", "1\t2\t3\t883612900", "2\t1\t4\t883613000", "2\t3\t1\t883613100",
                "3\t1\t5\t883868400") + "\n");
        Files.writeString(d.resolve("u.item"), "1|A (1990)|01-Jan-1990||u|0|1\n2|B (1991)|01-Jan-1991||u|1|0\n"
                + "3|C (1992)|01-Jan-1992||u|0|1\n");
        Files.writeString(d.resolve("u.genre"), "unknown|0\nAction|1\n");
        Files.writeString(d.resolve("u.user"), "1|20|M|student|1\n2|30|F|artist|2\n3|40|M|doctor|3\n");
        return d;
    }

    @Test
    void json() throws IOException {
        Cli.Result r = Cli.run("data", "info", fixture().toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("users").asInt()).isEqualTo(3);
        assertThat(j.get("movies").asInt()).isEqualTo(3);
        assertThat(j.get("ratings").asInt()).isEqualTo(5);
        // ratings 5, 3, 4, 1, 5 -> bins 1:1 2:0 3:1 4:1 5:2
        int[] expected = {1, 0, 1, 1, 2};
        for (int k = 0; k < 5; k++) {
            assertThat(j.get("rating_histogram").get(k).get("rating").asDouble()).isEqualTo(k + 1);
            assertThat(j.get("rating_histogram").get(k).get("count").asInt()).isEqualTo(expected[k]);
        }
        // 1 - 5 / (3 * 3) = 4 / 9
        assertThat(j.get("sparsity").asDouble()).isCloseTo(4.0 / 9, within(1e-12));
        // per user [2, 2, 1] -> sorted [1, 2, 2]: median 2; per movie [3, 1, 1] -> [1, 1, 3]: median 1
        assertThat(j.get("ratings_per_user").get("median").asDouble()).isEqualTo(2);
        assertThat(j.get("ratings_per_movie").get("median").asDouble()).isEqualTo(1);
        assertThat(j.get("ratings_per_movie").get("max").asInt()).isEqualTo(3);
        // 883612800 = 1998-01-01T00:00Z; 883868400 = 1998-01-03T23:00Z
        assertThat(j.get("date_range").get("first").asText()).isEqualTo("1998-01-01");
        assertThat(j.get("date_range").get("last").asText()).isEqualTo("1998-01-03");
        JsonNode side = j.get("side_information");
        assertThat(side.get("demographics").asBoolean()).isTrue();
        assertThat(side.get("genres").asBoolean()).isTrue();
        assertThat(side.get("years").asBoolean()).isTrue();
        assertThat(side.get("links").asBoolean()).isFalse();
    }

    @Test
    void table() throws IOException {
        Cli.Result r = Cli.run("data", "info", fixture().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("users +3\\R")
                .containsPattern("movies +3\\R")
                .containsPattern("ratings +5\\R")
                .containsPattern("sparsity +0\\.444444\\R")
                .containsPattern("ratings per user +min 1, median 2, max 2, mean 1\\.67\\R")
                .containsPattern("dates +1998-01-01 \\.\\. 1998-01-03\\R")
                .containsPattern("side information +demographics yes, genres yes, years yes, release dates yes, links no, tags 0\\R")
                // 2 of 5 ratings are 5 stars: 40.00%, the longest bar (40 #)
                .containsPattern(" +5 +2  40\\.00% #{40}\\R")
                .containsPattern(" +2 +0   0\\.00% \\R");
    }

    @Test
    void missingDirectoryIsAUserError() {
        Path nowhere = tmp.resolve("nowhere");
        Cli.Result r = Cli.run("data", "info", nowhere.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + nowhere).contains("no such directory");
    }

    @Test
    void realMl100kInBothFormats() throws IOException {
        Path dir = Fixtures.requireMl100k();

        Cli.Result json = Cli.run("data", "info", dir.toString(), "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("users").asInt()).isEqualTo(943);
        assertThat(j.get("movies").asInt()).isEqualTo(1682);
        assertThat(j.get("ratings").asInt()).isEqualTo(100_000);
        long sum = 0;
        for (JsonNode bin : j.get("rating_histogram")) {
            sum += bin.get("count").asLong();
        }
        assertThat(sum).isEqualTo(100_000);

        Cli.Result table = Cli.run("data", "info", dir.toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).containsPattern("users +943\\R").containsPattern("ratings +100000\\R");
    }

    @Test
    void csvDatasetReportsLinksAndTags(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n2,10,3.0,964982224\n2,20,0.5,964983815\n");
        java.nio.file.Files.writeString(dir.resolve("movies.csv"),
                "movieId,title,genres\n10,\"Heat, The (1995)\",Action|Crime\n20,Nothing (2001),(no genres listed)\n");
        java.nio.file.Files.writeString(dir.resolve("links.csv"), "movieId,imdbId,tmdbId\n10,0113277,949\n20,0000001,\n");
        java.nio.file.Files.writeString(dir.resolve("tags.csv"),
                "userId,movieId,tag,timestamp\n1,10,heist,1445714994\n3,20,\"slow, long\",1445714996\n");
        Cli.Result r = Cli.run("data", "info", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode side = new ObjectMapper().readTree(r.out()).get("side_information");
        assertThat(side.get("links").asBoolean()).isTrue();
        assertThat(side.get("tags").asLong()).isEqualTo(2);
        assertThat(Cli.run("data", "info", dir.toString()).out()).contains("links yes, tags 2");
    }

    @Test
    void duplicatePairIsAnErrorUnlessOnDuplicateLast(@TempDir Path tmp) throws Exception {
        java.nio.file.Path dir = Ml100kFiles.write(org.movierec.data.synth.SyntheticGenerator.generate(
                org.movierec.data.synth.SyntheticGenerator.Config.of(30, 20, 300, 4)), tmp.resolve("dup"));
        java.nio.file.Path data = dir.resolve("u.data");
        String first = java.nio.file.Files.readAllLines(data).get(0);
        String[] f = first.split("\t");
        // The same user and movie again, with another rating, as the last line.
        java.nio.file.Files.writeString(data, f[0] + "\t" + f[1] + "\t" + (f[2].equals("5") ? "1" : "5") + "\t"
                + f[3] + "\n", java.nio.file.StandardOpenOption.APPEND);
        Cli.Result strict = Cli.run("data", "info", dir.toString());
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.errLines()).hasSize(1);
        assertThat(strict.err()).contains("u.data").contains("duplicate").contains("301");
        Cli.Result last = Cli.run("data", "info", dir.toString(), "--on-duplicate", "last", "--format", "json");
        assertThat(last.exitCode()).as(last.toString()).isZero();
        assertThat(new ObjectMapper().readTree(last.out()).get("ratings").asInt()).isEqualTo(300);
        assertThat(Cli.run("data", "info", dir.toString(), "--on-duplicate", "first").err()).contains("error, last or sum");
    }
}

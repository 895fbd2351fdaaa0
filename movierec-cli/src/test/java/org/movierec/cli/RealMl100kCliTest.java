package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.eval.RatingErrors;
import org.movierec.model.ModelIO;
import org.movierec.testing.Fixtures;

/**
 * {@code train --split u1} on the real ML-100k (skipped when it is absent): the model is trained on
 * {@code u1.base} only, and the validation RMSE it records is the one recomputed here, line by line
 * from {@code u1.test}, with the loaded biases.
 */
class RealMl100kCliTest {
    @TempDir
    Path tmp;

    @Test
    void trainOnU1BaseRecordsTheRmseOfU1Test() throws Exception {
        Path dir = Fixtures.requireMl100k();
        Path model = tmp.resolve("bias-u1.bin");
        Cli.Result r = Cli.run("train", "--data", dir.toString(), "--algo", "bias", "--split", "u1",
                "--out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();

        ModelIO.Saved saved = ModelIO.load(model);
        BiasBaseline.Model m = (BiasBaseline.Model) saved.model();
        Dataset train = saved.train();
        assertThat(train.interactions().size()).isEqualTo(Files.readAllLines(dir.resolve("u1.base")).size());
        // Predictions recomputed here from the loaded biases, errors summed by core's RatingErrors.
        RatingErrors errors = new RatingErrors(train.ratingScale());
        for (String line : Files.readAllLines(dir.resolve("u1.test"), StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\t");
            int u = train.users().ids().indexOf(Integer.parseInt(f[0]));
            int i = train.movies().ids().indexOf(Integer.parseInt(f[1]));
            double p = Math.max(1, Math.min(5, m.mean() + m.userBias(u) + m.itemBias(i)));
            errors.add(p, Double.parseDouble(f[2]));
        }
        assertThat(errors.count()).isEqualTo(20_000);
        double rmse = errors.result().rmse();
        assertThat(saved.model().provenance().validationMetrics().get("rmse")).isCloseTo(rmse, within(1e-6));
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "rmse=%.4f", rmse));

        // A user of the real data gets ten unrated movies with titles from u.item.
        Cli.Result rec = Cli.run("recommend", "--model", model.toString(), "--user", "196");
        assertThat(rec.exitCode()).as(rec.toString()).isZero();
        assertThat(rec.out()).contains("Top 10 for user 196");

        // A long list holds ML-100k's longest titles and genre lists: every line of the table ends
        // where the right-aligned score column ends, titles and genres past their width end with an
        // ellipsis, the year is not repeated in the title, and no line is printed twice.
        Cli.Result all = Cli.run("recommend", "--model", model.toString(), "--user", "196", "-n", "1500");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        java.util.List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(2 + 1500).doesNotHaveDuplicates();
        java.util.List<String> table = lines.subList(1, lines.size());
        assertThat(table.get(0)).startsWith("rank").endsWith("score");
        assertThat(table).allSatisfy(l -> assertThat(l).hasSize(table.get(0).length()));
        assertThat(table).anySatisfy(l -> assertThat(l).contains("…"));
        assertThat(table).anySatisfy(l -> assertThat(l).matches(".*  Star Wars  +1977  .*"));
        assertThat(all.out()).doesNotContain("(1977)  1977");
    }
}

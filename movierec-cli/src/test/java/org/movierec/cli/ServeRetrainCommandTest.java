package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ModelIO;
import org.movierec.server.JdbcStore;
import org.movierec.server.Store;

class ServeRetrainCommandTest {
    @TempDir
    static Path tmp;

    @Test
    void retrainAddsTheStoredUsersAndRatings() throws Exception {
        Path data = Ml100kFiles.write(SyntheticGenerator.generate(SyntheticGenerator.Config.of(30, 40, 300, 3)),
                tmp.resolve("synth"));
        Path model = tmp.resolve("mf.bin");
        Cli.Result t = Cli.run("train", "--data", data.toString(), "--algo", "biased-mf", "--param", "epochs=5",
                "--param", "factors=4", "--out", model.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        Path db = tmp.resolve("store.db");
        long user;
        try (Store s = JdbcStore.open("jdbc:sqlite:" + db)) {
            user = s.createUser("ann", List.of(), "hash-1").id();
            s.putRating(user, 1, 5f, 1000);
            s.putRating(user, 2, 1f, 1001);
            s.putRating(user, 99999, 4f, 1002); // not in the catalogue: skipped
        }
        Path out = tmp.resolve("mf2.bin");
        Cli.Result r = Cli.run("retrain", "--model", model.toString(), "--data", data.toString(), "--db",
                "jdbc:sqlite:" + db, "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("retrained biased-mf").contains("31 users").contains("302 ratings")
                .contains("(2 from the store, 1 skipped)");
        var saved = ModelIO.load(out);
        assertThat(saved.train().numUsers()).isEqualTo(31);
        int u = saved.train().users().ids().indexOf((int) user);
        assertThat(u).isNotNegative();
        assertThat(saved.train().interactions().userCount(u)).isEqualTo(2);
        assertThat(saved.model().provenance().hyperparameters()).containsEntry("epochs", "5");
    }

    @Test
    void retrainReadsYourOwnFileWithItsColumns() throws Exception {
        Path file = tmp.resolve("reviews.tsv");
        StringBuilder b = new StringBuilder("who\tsku\tstars\n");
        for (int u = 0; u < 12; u++) {
            for (int i = 0; i < 8; i++) {
                if ((u + i) % 3 != 0) {
                    b.append("cust-").append(u).append('\t').append("sku-").append(i).append('\t')
                            .append(1 + (u * 3 + i) % 5).append('\n');
                }
            }
        }
        java.nio.file.Files.writeString(file, b.toString());
        String columns = "user=who,item=sku,rating=stars";
        Path model = tmp.resolve("own.bin");
        Cli.Result t = Cli.run("train", "--data", file.toString(), "--columns", columns, "--algo", "biased-mf",
                "--param", "epochs=3", "--param", "factors=2", "--out", model.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        int sku3 = ModelIO.load(model).train().movies().ids().externalId(
                ModelIO.load(model).train().movies().ids().indexOfName("sku-3"));
        Path db = tmp.resolve("own-store.db");
        long user;
        try (Store s = JdbcStore.open("jdbc:sqlite:" + db)) {
            user = s.createUser("bo", List.of(), "hash-2").id();
            s.putRating(user, sku3, 5f, 1000);
        }
        Cli.Result r = Cli.run("retrain", "--model", model.toString(), "--data", file.toString(), "--columns",
                columns, "--db", "jdbc:sqlite:" + db, "--out", tmp.resolve("own2.bin").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("13 users").contains("(1 from the store, 0 skipped)");
        var saved = ModelIO.load(tmp.resolve("own2.bin")).train();
        int u = saved.users().ids().indexOf((int) user);
        assertThat(saved.movies().ids().name(saved.interactions().item(saved.interactions().userStart(u))))
                .isEqualTo("sku-3");
        // without the mapping the file is not a MovieLens directory: one line that says what to give
        Cli.Result bad = Cli.run("retrain", "--model", model.toString(), "--data", tmp.toString(), "--db",
                "jdbc:sqlite:" + db);
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        Cli.Result wrongColumns = Cli.run("serve", "--model", model.toString(), "--data", file.toString(),
                "--data-format", "movielens", "--port", "0");
        assertThat(wrongColumns.exitCode()).isEqualTo(2);
        assertThat(wrongColumns.err()).startsWith("error: --data " + file + " is not a MovieLens directory")
                .contains("--columns").doesNotContain("\tat ");
    }

    @Test
    void serveRejectsABadDatabaseUrlInOneLine() throws Exception {
        Path data = Ml100kFiles.write(SyntheticGenerator.generate(SyntheticGenerator.Config.of(30, 40, 300, 3)),
                tmp.resolve("synth2"));
        Path model = tmp.resolve("bias.bin");
        assertThat(Cli.run("train", "--data", data.toString(), "--algo", "bias", "--out", model.toString()).exitCode())
                .isZero();
        Cli.Result r = Cli.run("serve", "--model", model.toString(), "--data", data.toString(), "--db",
                "mysql://nope?password=secret", "--port", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --db must be a jdbc:sqlite:FILE or jdbc:postgresql://... URL")
                .doesNotContain("secret").doesNotContain("\tat ");
        Cli.Result missing = Cli.run("serve", "--model", tmp.resolve("none.bin").toString(), "--data", data.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a file");
    }
}

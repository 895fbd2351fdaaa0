package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {
    private static final Path DIR = TestServers.ROOT.resolve("sqlite");
    private static int n;

    @Override
    String freshUrl() throws Exception {
        Files.createDirectories(DIR);
        Path f = DIR.resolve("store-" + (n++) + "-" + System.nanoTime() + ".db");
        return "jdbc:sqlite:" + f;
    }

    @Test
    void walModeAndAVersion1DatabaseIsUpgraded() throws Exception {
        String url = freshUrl();
        // a database as version 1 left it
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (String sql : JdbcStore.MIGRATIONS[0][0]) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 0)");
        }
        try (JdbcStore s = JdbcStore.open(url)) {
            assertThat(s.schemaVersion()).isEqualTo(2);
        }
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ratings_movie'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            s.execute("INSERT INTO schema_version VALUES (99, 0)");
        }
        assertThatThrownBy(() -> JdbcStore.open(url)).hasMessageContaining("schema version 99")
                .hasMessageContaining("knows only up to 2");
    }

    @Test
    void otherUrlsAreRejectedWithoutShowingTheirQuery() {
        assertThatThrownBy(() -> JdbcStore.open("jdbc:mysql://h/db?password=secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://h/db?...")
                .hasMessageNotContaining("secret");
    }
}

package org.huren.api.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The default run's database: durable, and its data outlives a restart. */
class EmbeddedPostgresStarterTest {

    @TempDir
    Path home;

    @Test
    void theDefaultRunIsDurableAndKeepsItsDataAcrossARestart() throws Exception {
        Path dataDir = home.resolve("pgdata");
        EmbeddedPostgres first = EmbeddedPostgresStarter.start(dataDir, true, 0);
        try (Connection connection = first.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            statement.execute("CREATE TABLE acknowledged (id int)");
            statement.execute("INSERT INTO acknowledged VALUES (42)");
        }
        EmbeddedPostgresStarter.stop(dataDir);

        EmbeddedPostgres second = EmbeddedPostgresStarter.start(dataDir, true, 0);
        try (Connection connection = second.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM acknowledged")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        } finally {
            EmbeddedPostgresStarter.stop(dataDir);
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

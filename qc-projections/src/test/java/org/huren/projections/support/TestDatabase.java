package org.huren.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One embedded PostgreSQL for the module's tests (zonky, as the server's), migrated as the server migrates: the read
 * models' migrations of this module and the api module's (the event store and the rest), so every table is as in
 * production. Started on first use, stopped with the JVM.
 */
public final class TestDatabase {

    /** The api module's migrations, relative to this module's directory (where Maven runs its tests). */
    private static final String API_MIGRATIONS = "filesystem:../api/src/main/resources/db/migration";

    private static JdbcTemplate jdbc;

    private TestDatabase() {
    }

    public static synchronized JdbcTemplate jdbc() {
        if (jdbc == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
                Flyway.configure().dataSource(postgres.getPostgresDatabase())
                        .locations("classpath:db/migration", API_MIGRATIONS).load().migrate();
                jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc;
    }

    /** Empties the tables, for a test that starts from nothing. */
    public static void truncate(List<String> tables) {
        jdbc().update("TRUNCATE " + String.join(", ", tables));
    }
}

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

    @Test
    void aPostgresLeftRunningByAKilledHuRenIsStoppedOnTheNextStartAndItsDataKept() throws Exception {
        Path dataDir = home.resolve("pgdata");
        Process huren = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsPostgres.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(huren.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // zonky's start-up lines
            }
            assertThat(line).as("the child started PostgreSQL").isEqualTo("ready");
            huren.destroyForcibly().waitFor();
        }
        long stray = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(stray).map(ProcessHandle::isAlive)).as("left running by the kill").contains(true);

        EmbeddedPostgres restarted = EmbeddedPostgresStarter.start(dataDir, true, 0);
        try (Connection connection = restarted.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM acknowledged")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
            assertThat(ProcessHandle.of(stray).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            EmbeddedPostgresStarter.stop(dataDir);
        }
    }

    /** A stand-in for a HuRen: starts the durable embedded PostgreSQL, commits a row, and waits to be killed. */
    public static final class HoldsPostgres {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres postgres = EmbeddedPostgresStarter.start(Path.of(args[0]), true, 0);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE acknowledged (id int)");
                statement.execute("INSERT INTO acknowledged VALUES (7)");
            }
            System.out.println("ready");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package org.huren.ops.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The servers' "external" PostgreSQL: a postgres process of the suite's own (zonky's binaries), on a fixed port and
 * data directory, so that it can be shut down under the servers' feet and started again where they expect it.
 * Durable like a production server: zonky turns fsync and synchronous commit off, which would let an acknowledged
 * write vanish in an immediate shutdown and make the ledger check meaningless.
 */
final class ExternalPostgres implements AutoCloseable {

    /** How the postmaster is told to go (PostgreSQL's shutdown modes, by signal). */
    enum Shutdown {
        /** SIGINT: open transactions rolled back, a checkpoint, then exit. */
        FAST("INT"),
        /** SIGQUIT: every process exits at once; the next start recovers from the WAL. */
        IMMEDIATE("QUIT");

        final String signal;

        Shutdown(String signal) {
            this.signal = signal;
        }
    }

    static final String USER = "postgres";
    private static final String ZONKY_LOG =
            "org.slf4j.simpleLogger.log.io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    static {
        // zonky logs an error ("Could not stop postmaster") when it releases a postgres this class already shut down
        // by signal — expected every time here; a failure to start still throws
        if (System.getProperty(ZONKY_LOG) == null) {
            System.setProperty(ZONKY_LOG, "off");
        }
    }

    private final Path dataDir;
    private final int port;
    private final Path log;
    private EmbeddedPostgres running;

    ExternalPostgres(Path dataDir, int port, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    synchronized void start() throws IOException {
        if (running != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        Files.createDirectories(dataDir.getParent());
        running = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Shuts PostgreSQL down by signalling its postmaster (the pid in the first line of {@code postmaster.pid}) and
     * waits until it is gone.
     */
    synchronized void shutDown(Shutdown mode) throws IOException, InterruptedException {
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("no postmaster with pid " + pid));
        Process kill = new ProcessBuilder("kill", "-" + mode.signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + mode.signal + " " + pid + " failed");
        }
        try {
            postmaster.onExit().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL (pid " + pid + ") did not stop within 120 s after SIG" + mode.signal, e);
        }
        // releases zonky's lock on the data directory; its own "pg_ctl stop" finds nothing left to stop
        running.close();
        running = null;
    }

    /** Creates a database for one server (or pair of servers); each scenario gets a fresh store. */
    void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}

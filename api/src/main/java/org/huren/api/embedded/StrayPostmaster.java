package org.huren.api.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A HuRen killed hard (kill -9, a power cut of the JVM only) leaves its embedded PostgreSQL running, holding the data
 * directory: the next start would fail. Before starting, the postmaster named in {@code postmaster.pid} is stopped
 * when it is an orphan (no Java process is its parent any more) — a fast, clean shutdown that loses nothing
 * committed. When a live Java process still owns it (another HuRen on the same directory), start-up stops with a
 * message saying exactly that.
 */
final class StrayPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StrayPostmaster.class);

    private StrayPostmaster() {
    }

    static void stopIfOrphaned(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return; // not a pid file PostgreSQL wrote completely: it decides itself
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty() || !postmaster.get().info().command().orElse("").contains("postgres")) {
            return; // a stale lock file: PostgreSQL removes it when it starts
        }
        Optional<ProcessHandle> parent = postmaster.get().parent();
        if (parent.isPresent() && parent.get().info().command().orElse("").contains("java")) {
            throw new IllegalStateException("the embedded PostgreSQL of " + dataDir + " (pid " + pid
                    + ") belongs to another running Java process (pid " + parent.get().pid()
                    + "): stop that HuRen first, or give this one another HUREN_EMBEDDED_POSTGRES_DATA_DIR");
        }
        LOG.warn("the embedded PostgreSQL of {} (pid {}) was left running by a HuRen that ended without stopping it;"
                + " stopping it (fast shutdown) before starting", dataDir, pid);
        signal(pid, "INT");
        try {
            if (postmaster.get().onExit().get(60, TimeUnit.SECONDS).isAlive()) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") of " + dataDir
                    + " did not stop within 60 s: stop it yourself (kill -INT " + pid + ") and start again", e);
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown (roll back open transactions, checkpoint, exit). */
    private static void signal(long pid, String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: smart shutdown
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

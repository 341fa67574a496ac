package org.huren.ops.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One HuRen server under test: the packaged fat jar run as a child process ({@code java -jar}) against the suite's
 * PostgreSQL, as an operator would run it. Its output goes to {@code <name>-<start>.log} in the work directory.
 * {@link #kill()} is kill -9 ({@link Process#destroyForcibly()} sends SIGKILL to the direct child on Linux).
 */
final class HurenNode implements AutoCloseable {

    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final String name;
    private final FaultOptions options;
    private final int port;
    private final Map<String, String> environment;
    private final HttpClient http;
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param maxSegments {@code HUREN_NODE_MAX_SEGMENTS}
     */
    HurenNode(String name, FaultOptions options, ExternalPostgres postgres, String database, int port,
              int maxSegments, HttpClient http) {
        this.name = name;
        this.options = options;
        this.port = port;
        this.http = http;
        this.environment = Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", ExternalPostgres.USER,
                "SPRING_DATASOURCE_PASSWORD", "",
                "PORT", Integer.toString(port),
                "HUREN_NODE_ID", name,
                "HUREN_NODE_MAX_SEGMENTS", Integer.toString(maxSegments),
                // the demo alliance: lab HR-CORE, whose LIS the load plays
                "HUREN_DEMO_ENABLED", "true");
    }

    String name() {
        return name;
    }

    URI root() {
        return URI.create("http://localhost:" + port);
    }

    URI fhirBase() {
        return URI.create(root() + "/fhir");
    }

    Path log() {
        return log;
    }

    /** Launches the server; {@link #awaitReady} waits for it. */
    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        log = options.workDir.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serverJvmArgs);
        command.add("-jar");
        command.add(options.jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Waits until {@code GET /actuator/health/readiness} answers 200: the server takes traffic (the database
     * reachable, the processors started, the demo alliance seeded).
     *
     * @return System.nanoTime when it did
     * @throws IOException when the process ended or the timeout passed; the message holds the log's end
     */
    long awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(root() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IOException(name + " ended during start-up (exit " + (p == null ? "-" : p.exitValue())
                        + "); its log " + log + " ends:\n" + tail(40));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(name + " was not ready (/actuator/health/readiness) within "
                        + options.startTimeout.toSeconds() + " s; its log " + log + " ends:\n" + tail(40));
            }
            LockSupport.parkNanos(READY_POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** kill -9: no shutdown hook, no graceful drain, open connections and transactions cut. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM: the graceful stop (the web server drains, the processors stop); kill -9 after a minute. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The last lines of the current log, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }
}

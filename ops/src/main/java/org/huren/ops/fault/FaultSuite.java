package org.huren.ops.fault;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.huren.ops.bench.BenchmarkText;
import org.huren.ops.bench.CommandLine;

/**
 * HuRen's fault suite (issue 12): real server processes (api's fat jar) on a real PostgreSQL (a process of the
 * suite's own), real HTTP, faults while LIS clients post — and afterwards every acknowledged result must be found
 * exactly once and the read models must have caught up.
 *
 * <ul>
 *   <li>{@code kill-server}: kill -9 the server {@code --kills} times under load, restarting it each time.</li>
 *   <li>{@code db-restart}: PostgreSQL shut down fast (SIGINT) and immediately (SIGQUIT) and started again, then
 *   stopped for {@code --db-stop-seconds}, all under load: 503s while it is away, nothing lost.</li>
 *   <li>{@code two-nodes}: two servers on one database, the one holding most segments killed -9 under load, for each
 *   {@code HUREN_NODE_MAX_SEGMENTS} of {@code --node-settings}: the survivor reclaims every segment and its lag
 *   returns to 0.</li>
 *   <li>{@code rolling-restart}: two servers restarted one after the other under load (out of the rotation, SIGTERM,
 *   started, back in): no request fails, the segments move and come back, nothing lost.</li>
 *   <li>{@code hostile}: the door's refusals (ADR 0010) against a running server: nothing stored, later results
 *   still appear.</li>
 * </ul>
 *
 * <p>{@code kill-server}, {@code db-restart} and {@code hostile} share one server on one database; each
 * {@code two-nodes} and {@code rolling-restart} run has a database and servers of its own. Exit code 0 when every scenario passed, 1 otherwise,
 * 2 for bad arguments. See ops/README.md.
 */
public final class FaultSuite implements AutoCloseable {

    final FaultOptions options;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ExternalPostgres postgres;
    private HurenNode standing;

    public FaultSuite(FaultOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        CommandLine.main(args, FaultOptions::parse, FaultOptions::usage, options -> () -> {
            try (FaultSuite suite = new FaultSuite(options)) {
                return suite.run().stream().allMatch(ScenarioReport::passed) ? 0 : 1;
            }
        });
    }

    /** Runs the chosen scenarios in order and prints a summary; a scenario that throws is reported failed. */
    public List<ScenarioReport> run() throws InterruptedException {
        List<ScenarioReport> reports = new ArrayList<>();
        try {
            prepare();
        } catch (IOException | SQLException | RuntimeException e) {
            ScenarioReport setUp = new ScenarioReport("set-up");
            setUp.fail("the suite could not start: " + e);
            return List.of(setUp);
        }
        for (String name : options.scenarios) {
            Scenario scenario = switch (name) {
                case "kill-server" -> new KillServer(this);
                case "db-restart" -> new DatabaseRestart(this);
                case "two-nodes" -> new TwoNodes(this);
                case "rolling-restart" -> new RollingRestart(this);
                case "scale" -> new ScaleOut(this);
                case "hostile" -> new HostileInputs(this);
                default -> throw new IllegalStateException(name);
            };
            reports.addAll(scenario.runReporting());
        }
        BenchmarkText.heading("summary (run " + options.runId + ", logs in " + options.workDir + ")");
        for (ScenarioReport report : reports) {
            BenchmarkText.line(report.name(), report.passed() ? "PASSED" : "FAILED: " + report.failures());
        }
        return reports;
    }

    private void prepare() throws IOException, SQLException {
        if (!Files.isRegularFile(options.jar)) {
            throw new IOException("no server jar at " + options.jar + ": build it first (./mvnw package -DskipTests)");
        }
        Files.createDirectories(options.workDir);
        Path pgdata = options.workDir.resolve("pgdata");
        deleteEarlierRun(pgdata);
        BenchmarkText.line("server", options.jar.toString());
        BenchmarkText.line("work directory", options.workDir.toString());
        postgres = new ExternalPostgres(pgdata, freePort(), options.workDir.resolve("postgres.log"));
        postgres.start();
        BenchmarkText.line("PostgreSQL", "port " + postgres.port() + ", data in " + pgdata
                + " (fsync and synchronous_commit on)");
    }

    ExternalPostgres postgres() {
        return postgres;
    }

    /** The server that kill-server, db-restart and hostile share, started on first use. */
    HurenNode standingNode() throws IOException, SQLException, InterruptedException {
        if (standing == null) {
            String database = options.runId + "_standing";
            postgres.createDatabase(database);
            standing = new HurenNode("standing", options, postgres, database, freePort(), 0, http);
            long launched = System.nanoTime();
            standing.start();
            long ready = standing.awaitReady();
            BenchmarkText.line("standing server", standing.root() + " ready after "
                    + BenchmarkText.seconds(ready - launched) + " (log " + standing.log() + ")");
        }
        return standing;
    }

    Store standingStore() {
        return new Store(postgres, options.runId + "_standing");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The data directory of an earlier run (a PostgreSQL of its own, never the user's). */
    private static void deleteEarlierRun(Path pgdata) throws IOException {
        if (!Files.exists(pgdata)) {
            return;
        }
        try (Stream<Path> files = Files.walk(pgdata)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (standing != null) {
            standing.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
        }
    }
}

package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A rolling restart of two servers under load, as Kubernetes rolls a Deployment ({@code maxUnavailable: 0}): each
 * server in turn is taken out of the load balancer's rotation, two seconds later stopped gracefully (SIGTERM: requests in flight are
 * answered, the processors release their segments, the heartbeat signs off), started again, and put back once
 * ready. Asserts, beyond the ledger and the read models: no request failed — no answer but 2xx and retried 503s, no
 * connection broken while a request was on it —, the other server owns every segment while one is down, and the
 * restarted one is given its share again before the next is stopped.
 */
final class RollingRestart extends Scenario {

    private static final long POLL_NANOS = 100_000_000L;
    /**
     * Between taking a server out of the rotation and stopping it, as a pod's preStop pause lets the load balancer's
     * change take effect: a request already routed to it is then in flight (and answered), not refused.
     */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    RollingRestart(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "rolling-restart";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        ScenarioReport report = new ScenarioReport(name() + " (" + options.clients + " clients)");
        String database = options.runId + "_rolling";
        ExternalPostgres postgres = suite.postgres();
        postgres.createDatabase(database);
        Store store = new Store(postgres, database);
        HurenNode a = new HurenNode("a-rolling", options, postgres, database, FaultSuite.freePort(), 0, suite.http);
        HurenNode b = new HurenNode("b-rolling", options, postgres, database, FaultSuite.freePort(), 0, suite.http);
        try (a; b) {
            a.start();
            a.awaitReady();
            b.start();
            b.awaitReady();
            report.check(awaitOwners(store, Map.of(a.name(), true, b.name(), true)) > 0,
                    "the second server was given no segment: " + owners(store.claims()));
            report.figure("segments when both run", owners(store.claims()).toString());

            Ledger ledger = new Ledger();
            LedgerLoad load = new LedgerLoad(options, suite.http, List.of(a.fhirBase(), b.fhirBase()),
                    options.runId + "r", ledger);
            load.start();
            try {
                hold(options.phase);
                for (HurenNode node : List.of(a, b)) {
                    HurenNode other = node == a ? b : a;
                    restart(report, load, store, node, other);
                    hold(options.phase);
                }
            } finally {
                load.stop();
            }
            reportLoad(report, load);
            LedgerLoad.Window run = load.run();
            report.check(run.connectionErrors.sum() == 0, run.connectionErrors.sum()
                    + " requests failed on a broken connection");
            report.check(run.refusedConnections.sum() == 0, run.refusedConnections.sum()
                    + " requests sent to a server out of the rotation");
            verifyLedger(report, ledger, b, load.maxPosition());
            verifyReadModels(report, b, store, load.maxPosition(), false);
            report.figure("segments at the end", owners(store.claims()).toString());
        }
        return List.of(report);
    }

    private void restart(ScenarioReport report, LedgerLoad load, Store store, HurenNode node, HurenNode other)
            throws IOException, SQLException, InterruptedException {
        LedgerLoad.Window window = load.openWindow("restart of " + node.name());
        load.drain(node.fhirBase());
        hold(DRAIN_GRACE);
        long stopping = System.nanoTime();
        node.stop();
        long stopped = System.nanoTime();
        long taken = awaitOwners(store, Map.of(other.name(), true, node.name(), false));
        node.start();
        node.awaitReady();
        long ready = System.nanoTime();
        load.restore(node.fhirBase());
        long given = awaitOwners(store, Map.of(other.name(), true, node.name(), true));
        load.closeWindow(window);
        report.figure("restart of " + node.name(), "SIGTERM → stopped " + millis(stopped - stopping)
                + ", → " + other.name() + " owns every segment " + (taken > 0 ? millis(taken - stopping) : "never")
                + ", → ready again " + millis(ready - stopping) + ", → given segments again "
                + (given > 0 ? millis(given - stopping) : "never") + "; requests meanwhile "
                + latency(window.requests) + ", answers " + window.statusCounts());
        report.check(taken > 0, other.name() + " did not own every segment while " + node.name() + " was down");
        report.check(given > 0, node.name() + " was given no segment again after its restart: "
                + owners(store.claims()));
    }

    /**
     * Waits until each node named holds segments ({@code true}) or holds none ({@code false}) and no segment is
     * unclaimed; when, or -1 after {@code --catch-up-timeout}.
     */
    private long awaitOwners(Store store, Map<String, Boolean> holds) throws SQLException {
        long deadline = System.nanoTime() + options.catchUpTimeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Map<String, Integer> owners = owners(store.claims());
            if (!owners.containsKey("-") && holds.entrySet().stream()
                    .allMatch(e -> owners.containsKey(e.getKey()) == e.getValue())) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return -1;
    }

    /** Segments per owner ("-" for unclaimed ones). */
    private static Map<String, Integer> owners(List<Store.Claim> claims) {
        return claims.stream().collect(Collectors.toMap(c -> c.owner() == null ? "-" : c.owner(), c -> 1,
                Integer::sum, TreeMap::new));
    }
}

package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.huren.ops.bench.ProjectionMonitor;

/**
 * Two servers on one database, LIS clients spread over both (a client whose server dies moves to the other, as
 * behind a load balancer); the server holding the most processor segments is killed -9. Once per
 * {@code HUREN_NODE_MAX_SEGMENTS} of {@code --node-settings}, each on a fresh database. The survivor must own every
 * segment of every processor (the token table says so, and so does the survivor's status) — measured from the kill,
 * with the 10 s claim timeout in it — and its read models must get back to lag 0; every acknowledged result must
 * be found.
 */
final class TwoNodes extends Scenario {

    private static final long POLL_NANOS = 100_000_000L;

    TwoNodes(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "two-nodes";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        List<ScenarioReport> reports = new ArrayList<>();
        for (int setting : options.nodeSettings) {
            reports.add(run(setting));
        }
        return reports;
    }

    private ScenarioReport run(int maxSegments) throws IOException, SQLException, InterruptedException {
        ScenarioReport report = new ScenarioReport(name() + " (HUREN_NODE_MAX_SEGMENTS=" + maxSegments + ", "
                + options.clients + " clients)");
        String database = options.runId + "_two" + maxSegments;
        ExternalPostgres postgres = suite.postgres();
        postgres.createDatabase(database);
        Store store = new Store(postgres, database);
        HurenNode a = new HurenNode("a-max" + maxSegments, options, postgres, database, FaultSuite.freePort(),
                maxSegments, suite.http);
        HurenNode b = new HurenNode("b-max" + maxSegments, options, postgres, database, FaultSuite.freePort(),
                maxSegments, suite.http);
        try (a; b) {
            // one after the other: nodes starting together on an empty token table can fail to claim (STYLE.md)
            a.start();
            a.awaitReady();
            b.start();
            long bReady = b.awaitReady();
            long spread = awaitSpread(store, b.name());
            report.figure("segments when both run", owners(store.claims()).toString());
            report.check(spread > 0, "the second server was given no segment within "
                    + options.catchUpTimeout.toSeconds() + " s");

            Ledger ledger = new Ledger();
            LedgerLoad load = new LedgerLoad(options, suite.http, List.of(a.fhirBase(), b.fhirBase()),
                    options.runId + "n" + maxSegments, ledger);
            load.start();
            HurenNode victim;
            HurenNode survivor;
            try {
                hold(options.phase);
                Map<String, Integer> owners = owners(store.claims());
                victim = owners.getOrDefault(a.name(), 0) >= owners.getOrDefault(b.name(), 0) ? a : b;
                survivor = victim == a ? b : a;
                report.figure("killed", victim.name() + " (holding " + owners.getOrDefault(victim.name(), 0)
                        + " segments; " + (spread > 0 ? "spread " + millis(spread - bReady) + " after the second"
                        + " started" : "never spread") + ")");
                long killedAt = System.nanoTime();
                victim.kill();
                measureTakeOver(report, load, store, survivor, killedAt);
            } finally {
                load.stop();
            }
            reportLoad(report, load);
            verifyLedger(report, ledger, survivor, load.maxPosition());
            verifyReadModels(report, survivor, store, load.maxPosition());
        }
        return report;
    }

    /**
     * From the kill: polls the token table and the survivor's status until the survivor owns every segment, until
     * its processors have passed the head as it was at the kill (the dead node's backlog done, under load), and until
     * they are at lag 0 — which continuous writes rarely allow, so the load stops a phase after the reclaim.
     */
    private void measureTakeOver(ScenarioReport report, LedgerLoad load, Store store, HurenNode survivor,
                                 long killedAt) throws SQLException, InterruptedException {
        ProjectionMonitor monitor = new ProjectionMonitor(suite.http, survivor.root());
        long deadline = killedAt + options.catchUpTimeout.toNanos() + options.phase.toNanos();
        long reclaimed = -1;
        long headAtKill = -1;
        long backlogDone = -1;
        long lagZero = -1;
        boolean lagZeroUnderLoad = false;
        String last = "no answer";
        while (lagZero < 0 && System.nanoTime() - deadline < 0) {
            List<Store.Claim> claims = store.claims();
            boolean allOwned = !claims.isEmpty() && claims.stream().allMatch(c -> survivor.name().equals(c.owner()));
            try {
                ProjectionMonitor.Status status = monitor.fetch();
                long now = System.nanoTime();
                last = status + "; owners " + owners(claims);
                if (headAtKill < 0) {
                    headAtKill = status.headPosition();
                }
                boolean held = allOwned && status.processors().stream().allMatch(p -> p.claimedHere() == p.segments());
                if (held && reclaimed < 0) {
                    reclaimed = now;
                }
                long target = headAtKill;
                if (held && backlogDone < 0 && status.processors().stream().allMatch(p -> p.position() >= target)) {
                    backlogDone = now;
                }
                if (held && settled(status)) {
                    lagZero = now;
                    lagZeroUnderLoad = reclaimed > 0 && now - reclaimed < options.phase.toNanos();
                }
            } catch (IOException e) {
                last = e + "; owners " + owners(claims);
            }
            if (reclaimed > 0 && System.nanoTime() - reclaimed > options.phase.toNanos()) {
                load.finish();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        if (report.check(reclaimed > 0, "the survivor did not own every segment in time: " + last)) {
            report.figure("kill -9 → survivor owns every segment", millis(reclaimed - killedAt));
        }
        if (backlogDone > 0) {
            report.figure("kill -9 → survivor past the head of the kill", millis(backlogDone - killedAt));
        }
        if (report.check(lagZero > 0, "the survivor's read models did not get back to lag 0 in time: " + last)) {
            report.figure("kill -9 → lag 0 on the survivor", millis(lagZero - killedAt)
                    + (lagZeroUnderLoad ? " (under load)" : " (after the load stopped)"));
        }
    }

    /** Waits until {@code node} owns at least one segment; when, or -1. */
    private long awaitSpread(Store store, String node) throws SQLException {
        long deadline = System.nanoTime() + options.catchUpTimeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (store.claims().stream().anyMatch(c -> node.equals(c.owner()))) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return -1;
    }

    /** Segments per owner ("-" for released ones). */
    private static Map<String, Integer> owners(List<Store.Claim> claims) {
        return claims.stream().collect(Collectors.toMap(c -> c.owner() == null ? "-" : c.owner(), c -> 1,
                Integer::sum, TreeMap::new));
    }
}

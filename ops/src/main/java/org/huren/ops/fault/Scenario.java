package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.huren.ops.bench.BenchmarkText;
import org.huren.ops.bench.ProjectionMonitor;
import org.huren.ops.bench.ReadModelWatcher;

/** A fault scenario, and what every scenario checks afterwards: the ledger and the read models. */
abstract class Scenario {

    private static final Duration STATUS_POLL = Duration.ofMillis(100);

    final FaultSuite suite;
    final FaultOptions options;
    /** What the last status poll saw, for a failure message. */
    private volatile String lastStatus = "no answer";

    Scenario(FaultSuite suite) {
        this.suite = suite;
        this.options = suite.options;
    }

    /** One report per run of the scenario (two-nodes runs once per node setting). */
    abstract List<ScenarioReport> run() throws IOException, SQLException, InterruptedException;

    /** The scenario's name as a report, failed, when it could not be carried out at all. */
    abstract String name();

    final List<ScenarioReport> runReporting() throws InterruptedException {
        try {
            return run();
        } catch (IOException | SQLException | RuntimeException e) {
            ScenarioReport report = new ScenarioReport(name() + " (aborted)");
            report.fail(e.toString());
            return List.of(report);
        }
    }

    /** The load keeps going for this long: a phase of the scenario, not a wait for a condition. */
    static void hold(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The load's figures: requests and answers, latencies over the whole run, what was unexpected. */
    static void reportLoad(ScenarioReport report, LedgerLoad load) {
        LedgerLoad.Window run = load.run();
        report.figure("answers by HTTP status", run.statusCounts() + ", broken connections "
                + run.connectionErrors.sum() + ", refused connections " + run.refusedConnections.sum());
        report.figure("503 answers", Long.toString(run.count(503)));
        report.figure("request latency (all answers)", latency(run.requests));
        report.figure("Bundle first post to acknowledgement", latency(run.acknowledgements));
        report.check(load.unexpectedCount() == 0, load.unexpectedCount() + " answers neither 2xx nor 503: "
                + load.unexpectedSamples());
        report.check(load.abandoned() == 0, load.abandoned() + " Bundles still unacknowledged when the load had"
                + " stopped for --catch-up-timeout");
    }

    static String latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no requests";
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s (%d)", BenchmarkText.ms(h.getValueAtPercentile(50)),
                BenchmarkText.ms(h.getValueAtPercentile(99)), BenchmarkText.ms(h.getMaxValue()), h.getTotalCount());
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,d ms", Math.round(nanos / 1e6));
    }

    /**
     * The ledger against what {@code node} serves: every acknowledged result found once. Fails the report for each
     * one lost or stored more than once.
     */
    void verifyLedger(ScenarioReport report, Ledger ledger, HurenNode node, long position)
            throws IOException, InterruptedException {
        Ledger.Verdict verdict = ledger.verify(suite.http, node.fhirBase(), position, options.catchUpTimeout);
        report.figure("acknowledged results", Integer.toString(verdict.acknowledged()));
        report.figure("lost / duplicated", verdict.lost().size() + " / " + verdict.duplicated().size());
        report.check(verdict.acknowledged() > 0, "no result was acknowledged at all");
        report.check(verdict.lost().isEmpty(), verdict.lost().size() + " acknowledged results not found, e.g. "
                + verdict.lost().subList(0, Math.min(5, verdict.lost().size())));
        report.check(verdict.duplicated().isEmpty(), verdict.duplicated().size()
                + " results stored more than once: " + verdict.duplicated().entrySet().stream().limit(5).toList());
    }

    /**
     * The read models are consistent: every processor of {@code node} past {@code position}, then running, not in
     * error, at the head (lag 0) and holding all its segments, and no event parked as a dead letter.
     *
     * @return System.nanoTime when lag 0 was seen, or -1
     */
    long verifyReadModels(ScenarioReport report, HurenNode node, Store store, long position)
            throws InterruptedException, SQLException {
        return verifyReadModels(report, node, store, position, true);
    }

    /**
     * As {@link #verifyReadModels(ScenarioReport, HurenNode, Store, long)}; with {@code alone} false, servers share
     * the segments: each segment must be claimed by one of them (the token table), not all by {@code node}.
     */
    long verifyReadModels(ScenarioReport report, HurenNode node, Store store, long position, boolean alone)
            throws InterruptedException, SQLException {
        long start = System.nanoTime();
        try {
            new ReadModelWatcher(suite.http, node.root()).awaitPosition(Math.max(0, position), Duration.ofSeconds(10),
                    options.catchUpTimeout);
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            report.fail("read models did not catch up: " + e.getMessage());
            return -1;
        }
        long settled = awaitSettled(node, options.catchUpTimeout, alone ? null : store);
        if (report.check(settled > 0, "read models not settled (running, no error, lag 0, every segment claimed)"
                + " within " + options.catchUpTimeout.toSeconds() + " s: " + lastStatus)) {
            report.figure("read models at the head after the load", millis(settled - start));
        }
        long deadLetters = store.deadLetters();
        report.check(deadLetters == 0, deadLetters + " events parked as dead letters");
        return settled;
    }

    /**
     * Polls {@code node}'s {@code /api/projections/status} until every processor runs without error with lag 0 and
     * the node holds all its segments.
     *
     * @return when that was seen, or -1 after {@code timeout}
     */
    long awaitSettled(HurenNode node, Duration timeout) throws InterruptedException {
        return awaitSettled(node, timeout, null);
    }

    /** As {@link #awaitSettled(HurenNode, Duration)}; with a {@code shared} store, any server may hold a segment. */
    long awaitSettled(HurenNode node, Duration timeout, Store shared) throws InterruptedException {
        ProjectionMonitor monitor = new ProjectionMonitor(suite.http, node.root());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                ProjectionMonitor.Status status = monitor.fetch();
                lastStatus = status.toString();
                if (shared == null ? settled(status) : atHead(status)
                        && shared.claims().stream().allMatch(c -> c.owner() != null)) {
                    return System.nanoTime();
                }
            } catch (IOException | SQLException e) {
                lastStatus = e.toString();
            }
            LockSupport.parkNanos(STATUS_POLL.toNanos());
        }
        return -1;
    }

    static boolean settled(ProjectionMonitor.Status status) {
        return atHead(status) && status.processors().stream().allMatch(p -> p.claimedHere() == p.segments());
    }

    /** Every processor running, without error, at lag 0. */
    static boolean atHead(ProjectionMonitor.Status status) {
        return !status.processors().isEmpty() && status.processors().stream().allMatch(p -> p.running() && !p.error()
                && p.lagEvents() == 0);
    }
}

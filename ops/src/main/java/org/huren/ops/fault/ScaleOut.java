package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.huren.ops.bench.BenchmarkText;
import org.huren.ops.bench.ProjectionMonitor;

/**
 * One server against two on this machine (issue 17, ADR 0019), each count on a fresh database: LIS clients of
 * {@code --scale-labs} post over every server (as behind a load balancer) — a warm-up phase, a phase as fast as
 * they are answered (the maximum rate), then paced at 80 % of that rate. Reported per count: results acknowledged
 * per second at the maximum, the recognition lag (from each acknowledgement until the {@code recognition} processor
 * has passed the position it answered, sampled every 50 ms) at the maximum and at 80 %, and the time the read models
 * need after the load. Run only when named ({@code scale}); the read models are checked as in the fault scenarios,
 * the ledger is not searched (a minute per 20,000 results here: {@code rolling-restart} and the others do).
 */
final class ScaleOut extends Scenario {

    private static final long SAMPLE_NANOS = 50_000_000L;
    private static final double PACED = 0.8;

    ScaleOut(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "scale";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        List<ScenarioReport> reports = new ArrayList<>();
        for (int nodes : options.scaleNodes) {
            reports.add(run(nodes));
        }
        return reports;
    }

    private ScenarioReport run(int count) throws IOException, SQLException, InterruptedException {
        ScenarioReport report = new ScenarioReport(name() + " (" + count + " server" + (count == 1 ? "" : "s") + ", "
                + options.clients + " clients as " + options.scaleLabs + ")");
        String database = options.runId + "_scale" + count;
        ExternalPostgres postgres = suite.postgres();
        postgres.createDatabase(database);
        Store store = new Store(postgres, database);
        List<HurenNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new HurenNode((char) ('a' + i) + "-scale" + count, options, postgres, database,
                    FaultSuite.freePort(), 0, suite.http));
        }
        try {
            for (HurenNode node : nodes) {
                node.start();
                node.awaitReady();
            }
            awaitEveryNodeHolds(store, nodes);
            Ledger ledger = new Ledger();
            LedgerLoad load = new LedgerLoad(options, suite.http, nodes.stream().map(HurenNode::fhirBase).toList(),
                    options.runId + "s" + count, ledger, options.scaleLabs);
            Sampler sampler = new Sampler(new ProjectionMonitor(suite.http, nodes.get(0).root()));
            sampler.start();
            load.start();
            long fullFrom;
            long fullTo;
            long pacedFrom;
            long pacedTo;
            try {
                hold(options.phase);
                fullFrom = System.nanoTime();
                hold(options.phase);
                fullTo = System.nanoTime();
                double bundlesPerSecond = acknowledged(load, fullFrom, fullTo) / seconds(fullTo - fullFrom);
                report.figure("maximum: results acknowledged per second", String.format(Locale.ROOT, "%,.0f",
                        bundlesPerSecond * options.bundleSize));
                load.pace(bundlesPerSecond * PACED);
                hold(options.phase);
                pacedFrom = System.nanoTime();
                hold(options.phase);
                pacedTo = System.nanoTime();
                report.figure("paced at 80 %: results acknowledged per second", String.format(Locale.ROOT,
                        "%,.0f", acknowledged(load, pacedFrom, pacedTo) / seconds(pacedTo - pacedFrom)
                                * options.bundleSize));
            } finally {
                load.stop();
            }
            reportLoad(report, load);
            long settled = verifyReadModels(report, nodes.get(0), store, load.maxPosition(), count == 1);
            sampler.stop();
            report.figure("recognition lag at the maximum", lag(load, sampler, fullFrom, fullTo));
            report.figure("recognition lag at 80 %", lag(load, sampler, pacedFrom, pacedTo));
            report.figure("recognition segments by owner", owners(store.claims()).toString());
            report.check(settled > 0, "the read models did not settle");
        } finally {
            for (HurenNode node : nodes) {
                node.close();
            }
        }
        return report;
    }

    private static long acknowledged(LedgerLoad load, long from, long to) {
        return load.positions().stream().filter(p -> p[0] >= from && p[0] < to).count();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * For each acknowledgement answered in [from, to): the time until the first sample of the recognition position
     * at or past the position it answered.
     */
    private static String lag(LedgerLoad load, Sampler sampler, long from, long to) {
        List<long[]> samples = sampler.samples();
        Histogram lags = new Histogram(3);
        int missing = 0;
        for (long[] ack : load.positions()) {
            if (ack[0] < from || ack[0] >= to) {
                continue;
            }
            long seen = -1;
            for (long[] sample : samples) {
                if (sample[0] >= ack[0] && sample[1] >= ack[1]) {
                    seen = sample[0];
                    break;
                }
            }
            if (seen < 0) {
                missing++;
            } else {
                lags.recordValue(Math.max(1, (seen - ack[0]) / 1000));
            }
        }
        if (lags.getTotalCount() == 0) {
            return "no sample";
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s (%d acknowledgements%s)",
                BenchmarkText.ms(lags.getValueAtPercentile(50)), BenchmarkText.ms(lags.getValueAtPercentile(99)),
                BenchmarkText.ms(lags.getMaxValue()), lags.getTotalCount(),
                missing == 0 ? "" : ", " + missing + " never seen");
    }

    private void awaitEveryNodeHolds(Store store, List<HurenNode> nodes) throws SQLException {
        long deadline = System.nanoTime() + options.catchUpTimeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Map<String, Integer> owners = owners(store.claims());
            if (nodes.stream().allMatch(n -> owners.containsKey(n.name()))) {
                return;
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
    }

    /** Recognition's segments per owner. */
    private static Map<String, Integer> owners(List<Store.Claim> claims) {
        return claims.stream().filter(c -> c.processor().equals("recognition"))
                .collect(Collectors.toMap(c -> c.owner() == null ? "-" : c.owner(), c -> 1, Integer::sum,
                        TreeMap::new));
    }

    /** Polls the recognition processor's position (the lowest of its segments) every 50 ms. */
    private static final class Sampler {

        private final ProjectionMonitor monitor;
        private final List<long[]> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        Sampler(ProjectionMonitor monitor) {
            this.monitor = monitor;
            this.thread = new Thread(this::sample, "recognition-lag");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        synchronized List<long[]> samples() {
            return List.copyOf(samples);
        }

        private void sample() {
            while (!stopped) {
                try {
                    ProjectionMonitor.Status status = monitor.fetch();
                    long at = System.nanoTime();
                    status.processor("recognition").ifPresent(p -> {
                        synchronized (this) {
                            samples.add(new long[] {at, p.position()});
                        }
                    });
                } catch (IOException e) {
                    // a status not answered is a sample missed
                } catch (InterruptedException e) {
                    return;
                }
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        }
    }
}

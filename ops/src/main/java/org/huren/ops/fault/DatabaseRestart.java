package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL taken from under the server while LIS clients post: shut down fast (SIGINT) and started again, shut
 * down immediately (SIGQUIT: crash recovery on the next start) and started again, and stopped for
 * {@code --db-stop-seconds}. While it is away the server must answer 503 (with {@code Retry-After}), never anything
 * else; afterwards it must recover by itself, lose nothing acknowledged and bring every read model to the head.
 * Each fault is a latency window from the shutdown until a write is acknowledged again.
 */
final class DatabaseRestart extends Scenario {

    DatabaseRestart(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "db-restart";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        HurenNode node = suite.standingNode();
        ExternalPostgres postgres = suite.postgres();
        ScenarioReport report = new ScenarioReport(name() + " (" + String.join(", ", options.dbFaults) + "; "
                + options.clients + " clients)");
        Ledger ledger = new Ledger();
        LedgerLoad load = new LedgerLoad(options, suite.http, List.of(node.fhirBase()), options.runId + "d", ledger);
        load.start();
        try {
            hold(options.phase);
            for (String fault : options.dbFaults) {
                LedgerLoad.Window window = load.openWindow(fault);
                long down = System.nanoTime();
                postgres.shutDown(fault.equals("immediate") ? ExternalPostgres.Shutdown.IMMEDIATE
                        : ExternalPostgres.Shutdown.FAST);
                if (fault.equals("stop")) {
                    hold(options.dbStop);
                }
                postgres.start();
                long back = System.nanoTime();
                long firstAck = ledger.awaitAckAfter(back, options.catchUpTimeout);
                load.closeWindow(window);
                String label = "database " + (fault.equals("stop") ? "stopped " + options.dbStop.toSeconds() + " s"
                        : fault + " restart");
                report.figure(label + ": down → up again", millis(back - down));
                if (report.check(firstAck > 0, label + ": no write acknowledged within "
                        + options.catchUpTimeout.toSeconds() + " s of the database's return")) {
                    report.figure(label + ": down → first write acknowledged", millis(firstAck - down));
                    report.figure(label + ": database up → first write acknowledged", millis(firstAck - back));
                }
                report.figure(label + ": answers", window.statusCounts() + ", broken connections "
                        + window.connectionErrors.sum());
                report.figure(label + ": request latency", latency(window.requests));
                report.figure(label + ": Bundle first post to acknowledgement", latency(window.acknowledgements));
                if (fault.equals("stop")) {
                    report.check(window.count(503) > 0, label + ": no 503 while the database was away");
                }
                hold(options.phase);
            }
        } finally {
            load.stop();
        }
        reportLoad(report, load);
        verifyLedger(report, ledger, node, load.maxPosition());
        verifyReadModels(report, node, suite.standingStore(), load.maxPosition());
        return List.of(report);
    }
}

package org.huren.ops.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * kill -9 of the server under load, {@code --kills} times, each followed by a restart on the same database: no
 * result acknowledged before a kill may be lost, and none posted again after a lost answer may be stored twice.
 * Measured per kill: kill → server ready again, and kill → the first write acknowledged again.
 */
final class KillServer extends Scenario {

    KillServer(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "kill-server";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        HurenNode node = suite.standingNode();
        ScenarioReport report = new ScenarioReport(name() + " (" + options.kills + " × kill -9, " + options.clients
                + " clients)");
        Ledger ledger = new Ledger();
        LedgerLoad load = new LedgerLoad(options, suite.http, List.of(node.fhirBase()), options.runId + "k", ledger);
        load.start();
        try {
            hold(options.phase);
            for (int kill = 1; kill <= options.kills; kill++) {
                int before = ledger.size();
                long killedAt = System.nanoTime();
                node.kill();
                long dead = System.nanoTime(); // an answer already on its way before the kill landed is not "after"
                node.start();
                long ready = node.awaitReady();
                long firstAck = ledger.awaitAckAfter(dead, options.startTimeout);
                report.figure("kill " + kill + ": results acknowledged before", Integer.toString(before));
                report.figure("kill " + kill + ": kill -9 → server ready", millis(ready - killedAt));
                if (report.check(firstAck > 0, "kill " + kill + ": no write acknowledged within "
                        + options.startTimeout.toSeconds() + " s of the restart")) {
                    report.figure("kill " + kill + ": kill -9 → first write acknowledged (200)",
                            millis(firstAck - killedAt));
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

package org.huren.ops.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The fast part of the fault suite, in {@code ./mvnw verify}: api's packaged server ({@code faults.jar}, set by
 * failsafe) killed -9 once under load, its PostgreSQL restarted fast once under load, two servers with one killed,
 * two servers restarted one after the other under load, and the hostile inputs — each with its ledger and read-model checks. The full suite: ops/README.md.
 */
class FaultSuiteIT {

    @Test
    void serversAndDatabaseFailingUnderLoadLoseNothingAndRecover() throws Exception {
        FaultOptions fast = FaultOptions.parse("all", "--kills", "1", "--db-faults", "fast", "--node-settings", "0",
                "--clients", "2", "--phase-seconds", "4", "--catch-up-timeout", "120");
        try (FaultSuite suite = new FaultSuite(fast)) {
            List<ScenarioReport> reports = suite.run();

            assertThat(reports).extracting(ScenarioReport::name).hasSize(5);
            assertThat(reports).allSatisfy(report -> assertThat(report.failures()).as(report.name()).isEmpty());
        }
    }
}

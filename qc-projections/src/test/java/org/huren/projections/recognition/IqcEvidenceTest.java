package org.huren.projections.recognition;

import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.recognition.IqcMonthlyCv;
import org.huren.domain.recognition.IqcRun;
import org.huren.projections.recognition.IqcEvidence.LabItem;
import org.huren.projections.recognition.IqcEvidence.LabItemMonth;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** IQC evidence read for a set of series at once, without more of a series' history than the decisions ask. */
class IqcEvidenceTest {

    private final IqcEvidence iqc = new IqcEvidence(TestDatabase.jdbc());
    private final Instant t = Instant.parse("2026-03-10T00:00:00Z");
    private final LabItem k = new LabItem("LAB", "K");

    @BeforeEach
    void empty() {
        TestDatabase.truncate(IqcEvidence.TABLES);
    }

    private void run(String id, Instant at, String value, RunStatus status) {
        iqc.recorded("LAB", "K", id, at, List.of(new ControlResult("L1", new BigDecimal(value))), Map.of("L1", "LOT"));
        iqc.evaluated("LAB", "K", id, at, status, "event-" + id);
    }

    @Test
    void theRunsOfASeriesComeFromTheLastRunBeforeWhatIsAskedOn() {
        iqc.lotRegistered("LAB", "K");
        run("r1", t, "5.0", RunStatus.ACCEPTED);
        run("r2", t.plusSeconds(100), "5.0", RunStatus.ACCEPTED);
        run("r3", t.plusSeconds(200), "5.6", RunStatus.REJECTED);

        assertThat(iqc.runs(Map.of(k, t.plusSeconds(150))).get(k)).extracting(IqcRun::runId).containsExactly("r2", "r3");
        assertThat(iqc.runs(Map.of(k, t.minusSeconds(1))).get(k)).extracting(IqcRun::runId)
                .as("nothing before: every run").containsExactly("r1", "r2", "r3");
        assertThat(iqc.runs(Map.of(k, t.plusSeconds(100))).get(k)).containsExactly(
                new IqcRun("r2", t.plusSeconds(100), org.huren.domain.recognition.IqcOutcome.ACCEPTED, "event-r2"),
                new IqcRun("r3", t.plusSeconds(200), org.huren.domain.recognition.IqcOutcome.REJECTED, "event-r3"));
        assertThat(iqc.lastAcceptedBefore("LAB", "K", t.plusSeconds(200))).isEqualTo(t.plusSeconds(100));
        assertThat(iqc.lastAcceptedBefore("LAB", "K", t)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aSeriesWithoutARegisteredLotIsNotKnown() {
        run("r1", t, "5.0", RunStatus.ACCEPTED);
        LabItem glu = new LabItem("LAB", "GLU");
        iqc.lotRegistered("LAB", "GLU");
        Map<LabItem, List<IqcRun>> runs = iqc.runs(Map.of(k, t, glu, t));
        assertThat(runs).containsOnlyKeys(glu);
        assertThat(runs.get(glu)).isEmpty();
    }

    @Test
    void theMonthlyCvLeavesRejectedRunsOutAndNeedsTenValues() {
        for (int i = 0; i < 10; i++) {
            run("r" + i, t.plusSeconds(i), i % 2 == 0 ? "4.0" : "6.0", RunStatus.ACCEPTED);
        }
        run("bad", t.plusSeconds(20), "9.0", RunStatus.REJECTED);
        LabItemMonth march = new LabItemMonth("LAB", "K", "2026-03");
        LabItemMonth april = new LabItemMonth("LAB", "K", "2026-04");

        Map<LabItemMonth, List<IqcMonthlyCv>> cvs = iqc.monthlyCv(List.of(march, april));
        assertThat(cvs.get(march)).containsExactly(new IqcMonthlyCv("2026-03", "L1 (LOT)", new BigDecimal("21.08"), 10));
        assertThat(cvs.get(april)).isEmpty();
    }
}

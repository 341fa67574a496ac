package org.huren.projections.recognition;

import org.axonframework.eventhandling.Segment;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.labresult.ResultStatus;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recognition processor against the embedded PostgreSQL: results decided in sets when their batch commits, as if
 * each had been decided at its event — so the same events give the same decisions and history whatever the batches.
 */
class RecognitionProjectionTest {

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final RecognitionProjection projection = new RecognitionProjection(jdbc);
    private final ProcessorHarness processor = new ProcessorHarness(projection, TestDatabase.jdbc().getDataSource());
    private final Instant start = LocalDate.now(ZoneId.of("Asia/Shanghai")).atStartOfDay(ZoneId.of("Asia/Shanghai"))
            .toInstant();

    @BeforeEach
    void emptyReadModel() {
        processor.reset();
    }

    @Test
    void aLateWithdrawalWithdrawsOnlyTheResultsAfterItsEffectiveTime() {
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(LocalDate.now(
                ZoneId.of("Asia/Shanghai")).minusDays(1));
        Instant t = events.now();
        events.potassium("r1", t.plusSeconds(10)).potassium("r2", t.plusSeconds(20)).potassium("r3", t.plusSeconds(30))
                .withdrawal("K", t.plusSeconds(15));
        processor.process(events.events(), 500);

        assertThat(statuses()).containsExactly(Map.entry("r1", "RECOGNIZED"), Map.entry("r2", "NOT_RECOGNIZED"),
                Map.entry("r3", "NOT_RECOGNIZED"));
        assertThat(history("r2")).containsExactly("RECOGNIZED by LabResultReported",
                "NOT_RECOGNIZED by AccreditationWithdrawn");
        assertThat(jdbc.queryForList("SELECT ever_recognized FROM readmodel.rec_reusable ORDER BY result_id",
                Boolean.class)).containsExactly(true, true, true);
    }

    @Test
    void theSameEventsInAnyBatchesGiveTheSameDecisionsAndHistory() {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(yesterday).controlLot("K");
        events.controlRun("K", "run-1", events.now(), "5.00", RunStatus.ACCEPTED);
        Instant r17 = null;
        for (int i = 0; i < 30; i++) {
            r17 = i == 7 ? events.now() : r17;
            events.potassium("r" + (10 + i), events.now());
            if (i % 10 == 9) {
                // the second run is rejected: the results since the accepted run before it are withdrawn
                events.controlRun("K", "run-" + i, events.now(), i == 19 ? "5.40" : "5.01",
                        i == 19 ? RunStatus.REJECTED : RunStatus.ACCEPTED);
            }
        }
        events.corrected("r15", start, ResultStatus.ENTERED_IN_ERROR).withdrawal("K", r17)
                .potassium("r99", events.now()).corrected("r99", events.now(), ResultStatus.CORRECTED);

        List<List<List<Map<String, Object>>>> outcomes = new java.util.ArrayList<>();
        for (int size : List.of(1, 7, 500)) {
            processor.reset();
            processor.process(events.events(), size);
            outcomes.add(List.<List<Map<String, Object>>>of(rows("SELECT * FROM readmodel.recognition ORDER BY result_id, alliance_id"),
                    rows("SELECT result_id, alliance_id, status, at, criteria, cause_event_id, cause_type, item_code, "
                            + "ever_recognized, withdrawn_at FROM readmodel.recognition_change ORDER BY seq"),
                    rows("SELECT * FROM readmodel.rec_reusable ORDER BY result_id, alliance_id"),
                    rows("SELECT * FROM readmodel.rec_result ORDER BY result_id")));
        }
        assertThat(outcomes.get(0).get(0)).hasSize(31);
        for (int table = 0; table < 4; table++) {
            for (int run = 1; run < outcomes.size(); run++) {
                List<Map<String, Object>> expected = outcomes.get(0).get(table);
                List<Map<String, Object>> actual = outcomes.get(run).get(table);
                assertThat(actual).as("table %d, run %d", table, run).hasSameSizeAs(expected);
                for (int row = 0; row < expected.size(); row++) {
                    for (String column : expected.get(row).keySet()) {
                        assertThat(actual.get(row).get(column)).as("table %d, run %d, row %d, %s", table, run, row,
                                column).isEqualTo(expected.get(row).get(column));
                    }
                }
            }
        }
        assertThat(history("r15")).last().isEqualTo("NOT_RECOGNIZED by LabResultCorrected");
        assertThat(history("r25")).as("withdrawn by the run rejected after it").containsExactly(
                "RECOGNIZED by LabResultReported", "NOT_RECOGNIZED by ControlRunEvaluated");
        assertThat(history("r17")).as("withdrawn by the withdrawal effective from its time").containsExactly(
                "RECOGNIZED by LabResultReported", "NOT_RECOGNIZED by AccreditationWithdrawn");
        assertThat(history("r16")).containsExactly("RECOGNIZED by LabResultReported");
        assertThat(history("r99")).containsExactly("NOT_RECOGNIZED by LabResultReported");
    }

    /**
     * ADR 0019: four segments of labs, each run through the whole stream before the next starts, decide exactly as one
     * segment does — alliance-wide facts (a policy that blocks and unblocks, a catalog amendment) reach every segment
     * at their place in its stream, each segment re-deciding its own labs' results only.
     */
    @Test
    void segmentsOfLabsDecideAsOneSegmentDoes() {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        List<String> labs = List.of("LAB-A", "LAB-B", "LAB-C", "LAB-D");
        Segment[] segments = Segment.computeSegments(0, 1, 2, 3);
        assertThat(labs.stream().map(lab -> java.util.Arrays.stream(segments).filter(s -> s.matches(lab)).findFirst()
                .orElseThrow()).distinct()).as("a segment per lab").hasSize(4);
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(yesterday);
        labs.subList(1, 4).forEach(lab -> events.accreditedLab(lab, yesterday));
        events.lab("LAB-C").controlLot("K");
        events.controlRun("K", "run-1", events.now(), "5.00", RunStatus.ACCEPTED);
        for (int i = 0; i < 40; i++) {
            events.lab(labs.get(i % 4)).potassium("r" + (10 + i), events.now());
            if (i == 12) {
                events.add(new RecognitionPolicySet(RecognitionEvents.ALLIANCE, true, 24, 365));
            } else if (i == 20) {
                events.add(new RecognitionPolicySet(RecognitionEvents.ALLIANCE, false, 24, 365));
            } else if (i == 25) {
                events.add(new CatalogItemAmended(RecognitionEvents.ALLIANCE, RecognitionEvents.item("K",
                        yesterday.plusDays(1)), 2));
            } else if (i == 30) {
                events.lab("LAB-B").withdrawal("K", events.now().minusSeconds(5));
            } else if (i == 33) {
                events.lab("LAB-C").controlRun("K", "run-2", events.now(), "5.40", RunStatus.REJECTED);
            }
        }
        events.lab("LAB-D").corrected("r13", start, ResultStatus.ENTERED_IN_ERROR);

        List<List<List<Map<String, Object>>>> outcomes = new java.util.ArrayList<>();
        for (boolean bySegment : List.of(false, true)) {
            processor.reset();
            if (bySegment) {
                processor.processSegmented(events.events(), 7, segments);
            } else {
                processor.process(events.events(), 500);
            }
            outcomes.add(List.<List<Map<String, Object>>>of(
                    rows("SELECT * FROM readmodel.recognition ORDER BY result_id, alliance_id"),
                    rows("SELECT result_id, alliance_id, status, at, criteria, cause_event_id, cause_type, item_code, "
                            + "ever_recognized, withdrawn_at FROM readmodel.recognition_change "
                            + "ORDER BY result_id, alliance_id, seq"),
                    rows("SELECT * FROM readmodel.rec_reusable ORDER BY result_id, alliance_id"),
                    rows("SELECT * FROM readmodel.rec_result ORDER BY result_id"),
                    rows("SELECT * FROM readmodel.rec_catalog ORDER BY bucket, code, version"),
                    rows("SELECT * FROM readmodel.rec_policy ORDER BY bucket")));
        }
        assertThat(outcomes.get(0).get(0)).hasSize(40);
        assertThat(outcomes.get(0).get(5)).as("a copy of the policy per bucket").hasSize(LabSegments.BUCKETS);
        assertThat(outcomes.get(0).get(1).stream().map(row -> row.get("cause_type")).distinct()).contains(
                "RecognitionPolicySet", "AccreditationWithdrawn", "ControlRunEvaluated");
        for (int table = 0; table < outcomes.get(0).size(); table++) {
            assertThat(outcomes.get(1).get(table)).as("table %d", table).isEqualTo(outcomes.get(0).get(table));
        }
    }

    @Test
    void aResultTheReadModelRefusesIsParkedAndTheRestOfItsBatchIsDecided() {
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(LocalDate.now(
                ZoneId.of("Asia/Shanghai")).minusDays(1));
        events.potassium("ok-1", events.now()).potassium("poison", events.now()).potassium("ok-2", events.now());
        jdbc.execute("ALTER TABLE readmodel.recognition_change ADD CONSTRAINT poison_test CHECK (result_id <> 'poison')");
        try {
            assertThatThrownBy(() -> processor.process(events.events(), 500)).as("the batch fails once")
                    .isInstanceOf(IllegalStateException.class);
            List<String> parked = processor.process(events.events(), 500, new java.util.ArrayList<>());

            assertThat(parked).containsExactly(events.events().get(events.events().size() - 2).getIdentifier());
            assertThat(statuses()).containsOnlyKeys("ok-1", "ok-2");
        } finally {
            jdbc.execute("ALTER TABLE readmodel.recognition_change DROP CONSTRAINT poison_test");
        }
    }

    @Test
    void aResultOfALabInNoAllianceIsKeptAndDecidedNowhere() {
        processor.process(new RecognitionEvents(start).potassium("lonely", start).events(), 10);
        assertThat(jdbc.queryForList("SELECT result_id FROM readmodel.rec_result", String.class))
                .containsExactly("lonely");
        assertThat(statuses()).isEmpty();
    }

    private Map<String, String> statuses() {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT result_id, status FROM readmodel.recognition ORDER BY result_id",
                rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                });
        return statuses;
    }

    private List<String> history(String resultId) {
        return jdbc.queryForList("SELECT status || ' by ' || cause_type FROM readmodel.recognition_change "
                + "WHERE result_id = ? ORDER BY seq", String.class, resultId);
    }

    /** The rows, arrays as their text (a JDBC array equals only itself). */
    private List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> rows = jdbc.queryForList(sql);
        rows.forEach(row -> row.replaceAll((column, value) -> value instanceof java.sql.Array ? value.toString() : value));
        return rows;
    }

}

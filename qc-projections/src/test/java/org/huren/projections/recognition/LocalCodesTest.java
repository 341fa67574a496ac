package org.huren.projections.recognition;

import org.axonframework.eventhandling.Segment;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.localcode.LocalCodeMapped;
import org.huren.domain.localcode.LocalCodeMapping;
import org.huren.domain.localcode.LocalCodeMappingAmended;
import org.huren.domain.localcode.LocalCodeRetired;
import org.huren.domain.alliance.LabAccredited;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.projections.recognition.RecognitionEvents.ALLIANCE;
import static org.huren.projections.recognition.RecognitionEvents.LAB;

/**
 * Results sent with the lab's own code, decided by the recognition processor against the embedded PostgreSQL as the
 * lab's code map changes (ADR 0017): unmapped until a mapping covers their day — from its effective day, earlier only
 * when retroactive —, amended from a later day, retired; each change re-decides the results it reaches as of the
 * change, and the same events give the same rows whatever the batches and segments.
 */
class LocalCodesTest {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final String SYSTEM = "http://lis.lab-a.example.cn/item-codes";
    private static final String MAP = "localcodes-LAB-A-0123456789";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final RecognitionProjection projection = new RecognitionProjection(jdbc);
    private final ProcessorHarness processor = new ProcessorHarness(projection, jdbc.getDataSource());
    private final LocalDate day0 = LocalDate.now(CST).minusDays(10);

    @BeforeEach
    void emptyReadModel() {
        processor.reset();
    }

    private Instant on(LocalDate day) {
        return day.atTime(9, 30).atZone(CST).toInstant();
    }

    private static LabResultReported glucose(String resultId, Instant effective, String value, String unit) {
        return new LabResultReported(resultId, LAB, null, new LabResultContent(ResultStatus.FINAL,
                List.of(new Coding(SYSTEM, "GLU", "葡萄糖")), new Measurement(new BigDecimal(value), unit, unit, null),
                BusinessTime.at(effective), effective, "patient-1", null, "{}", "hash-" + resultId, Map.of()));
    }

    private static LocalCodeMapping mapping(String unit, String loinc, LocalDate from, boolean retroactive) {
        return new LocalCodeMapping("GLU", "葡萄糖", unit, "GLU", "Glucose", loinc, "mmol/L", ALLIANCE, from,
                retroactive);
    }

    private RecognitionEvents scenario() {
        RecognitionEvents events = new RecognitionEvents(on(day0.minusDays(30))).allianceWithAccreditedLab(
                day0.minusDays(20));
        events.add(new CatalogItemPublished(ALLIANCE, RecognitionEvents.item("GLU", day0.minusDays(20)), 1));
        events.add(new LabAccredited(ALLIANCE, LAB, Set.of("GLU"), day0.minusDays(20), day0.plusYears(2),
                "assessment-2", List.of("李")));
        events.at(on(LocalDate.now(CST)).minusSeconds(3600));
        events.add(glucose("before", on(day0.minusDays(2)), "5.5", "mmol/L"))
                .add(glucose("after", on(day0.plusDays(2)), "5.6", "mmol/L"))
                .add(glucose("later", on(day0.plusDays(6)), "101", "mg/dL"));
        return events;
    }

    @Test
    void aMappingRecognizesTheResultsFromItsDayAndOnlyTheEarlierOnesWhenRetroactive() {
        RecognitionEvents events = scenario();
        events.add(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping("mmol/L", "14749-6", day0, false), 1));
        processor.process(events.events(), 500);
        assertThat(statuses()).containsExactly(Map.entry("after", "RECOGNIZED"), Map.entry("before", "NOT_RECOGNIZED"),
                Map.entry("later", "NOT_RECOGNIZED"));
        assertThat(history("after")).containsExactly("NOT_RECOGNIZED by LabResultReported",
                "RECOGNIZED by LocalCodeMapped");
        assertThat(jdbc.queryForObject("SELECT mapped_loinc FROM readmodel.rec_result WHERE result_id = 'after'",
                String.class)).isEqualTo("14749-6");
        assertThat(jdbc.queryForList("SELECT result_id FROM readmodel.rec_result WHERE map_version IS NULL "
                + "ORDER BY result_id", String.class)).containsExactly("before");

        // from day0 + 5 the lab reports in mg/dL: the later result converts under the amended mapping
        events.add(new LocalCodeMappingAmended(MAP, LAB, SYSTEM, mapping("mg/dL", "2345-7", day0.plusDays(5), false),
                2));
        processor.reset();
        processor.process(events.events(), 500);
        assertThat(statuses()).containsEntry("later", "RECOGNIZED").containsEntry("after", "RECOGNIZED");

        // retired from day0 + 5 too: the later result is no longer mapped (withdrawn), the one before stays
        events.add(new LocalCodeRetired(MAP, LAB, SYSTEM, "GLU", day0.plusDays(5), "新代码", 3));
        processor.reset();
        processor.process(events.events(), 500);
        assertThat(statuses()).containsEntry("after", "RECOGNIZED").containsEntry("later", "NOT_RECOGNIZED");
        assertThat(history("later")).last().isEqualTo("NOT_RECOGNIZED by LocalCodeRetired");
    }

    @Test
    void aRetroactiveMappingReachesTheResultsStoredBeforeIt() {
        RecognitionEvents events = scenario();
        events.add(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping("mmol/L", "14749-6", day0, true), 1));
        processor.process(events.events(), 500);
        assertThat(statuses()).containsEntry("before", "RECOGNIZED").containsEntry("after", "RECOGNIZED");
    }

    @Test
    void theSameEventsInAnyBatchesGiveTheSameRows() {
        RecognitionEvents events = scenario();
        events.add(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping("mmol/L", "14749-6", day0, false), 1))
                .add(glucose("mapped-on-arrival", on(day0.plusDays(3)), "6.0", "mmol/L"))
                .add(new LocalCodeMappingAmended(MAP, LAB, SYSTEM, mapping("mg/dL", "2345-7", day0.plusDays(5),
                        false), 2))
                .add(glucose("amended-on-arrival", on(day0.plusDays(7)), "99", "mg/dL"));
        List<List<Map<String, Object>>> outcomes = new ArrayList<>();
        for (int size : List.of(1, 2, 500, -4)) {
            processor.reset();
            if (size > 0) {
                processor.process(events.events(), size);
            } else {
                // four segments of labs (ADR 0019): the code map's events reach the segment that decides its lab
                processor.processSegmented(events.events(), 3, Segment.computeSegments(0, 1, 2, 3));
            }
            List<Map<String, Object>> rows = new ArrayList<>(rows("SELECT * FROM readmodel.recognition "
                    + "ORDER BY result_id, alliance_id"));
            rows.addAll(rows("SELECT result_id, status, at, cause_type FROM readmodel.recognition_change ORDER BY seq"));
            rows.addAll(rows("SELECT result_id, codes, map_version, mapped_tokens FROM readmodel.rec_result "
                    + "ORDER BY result_id"));
            outcomes.add(rows);
        }
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(2)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(3)).as("in segments of labs").isEqualTo(outcomes.get(0));
        assertThat(statuses()).containsEntry("mapped-on-arrival", "RECOGNIZED")
                .containsEntry("amended-on-arrival", "RECOGNIZED").containsEntry("before", "NOT_RECOGNIZED");
    }

    private Map<String, String> statuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        jdbc.query("SELECT result_id, status FROM readmodel.recognition ORDER BY result_id",
                rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                });
        return statuses;
    }

    /** The rows, arrays as their text (a JDBC array equals only itself). */
    private List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> rows = jdbc.queryForList(sql);
        rows.forEach(row -> row.replaceAll((column, value) -> value instanceof java.sql.Array ? value.toString()
                : value));
        return rows;
    }

    private List<String> history(String resultId) {
        return jdbc.queryForList("SELECT status || ' by ' || cause_type FROM readmodel.recognition_change "
                + "WHERE result_id = ? ORDER BY seq", String.class, resultId);
    }
}

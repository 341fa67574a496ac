package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.Evidence;
import org.huren.domain.recognition.RecognitionDecision;
import org.huren.domain.recognition.RecognitionPolicy;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.projections.support.Json;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions written in sets read back exactly as made, text of any kind included. */
class DecisionsTest {

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final Decisions decisions = new Decisions(jdbc, new Results(jdbc));
    private final Instant t = Instant.parse("2026-03-10T00:00:00.123456Z");

    @BeforeEach
    void empty() {
        TestDatabase.truncate(List.of("readmodel.rec_result", "readmodel.recognition", "readmodel.recognition_change",
                "readmodel.rec_reusable"));
    }

    @Test
    void whatASetWritesReadsBackAsItWasDecided() {
        // quotes, backslashes, braces, commas, a NUL-free control character and Chinese: arrays travel as text
        RecognitionDecision decision = RecognitionDecision.of(List.of(CriterionResult.notYetKnown(
                Criterion.EQA_SATISFACTORY, "no \"EQA\" {round}, \\ graded; 室间质评\t", List.of(new Evidence(
                        Evidence.EQA_ROUND, null, "a,b \"c\""))), CriterionResult.fail(Criterion.RESULT_FINAL, "x",
                List.of())), RecognitionPolicy.defaults());
        ResultRow result = new ResultRow("r,1", "LAB", List.of("2823-3", "a\"b"), null, new BigDecimal("1E+3"),
                ResultStatus.FINAL, t, "ev", null, true);
        DecisionSet set = new DecisionSet();
        set.result(result, "e1");
        set.first(result, "a1", decision, null, new Cause("e1", "LabResultReported", t));
        decisions.write(set, Set.of());

        Decisions.Key key = new Decisions.Key("r,1", "a1");
        assertThat(decisions.current(List.of(key, new Decisions.Key("r,1", "a2")))).containsExactly(Map.entry(key,
                new Decisions.Row("r,1", "a1", RecognitionStatus.NOT_RECOGNIZED, false, t, null, null,
                        Json.write(decision.criteria()), "e1", "LabResultReported")));
        assertThat(jdbc.queryForList("SELECT array_to_string(failing, ' ') || '/' || array_to_string(not_yet_known, ' ') "
                + "FROM readmodel.recognition", String.class)).containsExactly("RESULT_FINAL/EQA_SATISFACTORY");
        assertThat(jdbc.queryForList("SELECT criteria FROM readmodel.recognition_change", String.class))
                .containsExactly(Json.write(decision.criteria()));
        assertThat(jdbc.queryForMap("SELECT array_to_string(codes, '|') AS codes, value, blind, patient_id "
                + "FROM readmodel.rec_result")).containsEntry("codes", "2823-3|a\"b")
                .containsEntry("value", new BigDecimal("1000")).containsEntry("blind", true)
                .containsEntry("patient_id", null);
        assertThat(jdbc.queryForMap("SELECT blind, status, ever_recognized FROM readmodel.rec_reusable"))
                .isEqualTo(Map.of("blind", true, "status", "NOT_RECOGNIZED", "ever_recognized", false));
    }

    @Test
    void aLargeSetIsWrittenInPartsInItsOrder() {
        DecisionSet set = new DecisionSet();
        for (int i = 0; i < 2500; i++) {
            ResultRow result = new ResultRow("r" + i, "LAB", List.of("2823-3"), "mmol/L", BigDecimal.ONE,
                    ResultStatus.FINAL, t, "ev", "p", false);
            set.first(result, "a1", DecisionSetTest.decision(i % 2 == 0), "K", new Cause("e" + i, "E", t));
        }
        decisions.write(set, Set.of());
        assertThat(jdbc.queryForList("SELECT result_id FROM readmodel.recognition_change ORDER BY seq", String.class))
                .hasSize(2500).startsWith("r0", "r1", "r2").endsWith("r2499");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.rec_reusable WHERE ever_recognized",
                Integer.class)).isEqualTo(1250);
    }
}

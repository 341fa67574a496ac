package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.RecognitionDecision;
import org.huren.domain.recognition.RecognitionPolicy;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.projections.support.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A set of decisions kept as if each had been written when made: what stands at the end, and every change. */
class DecisionSetTest {

    private final Instant t = Instant.parse("2026-03-10T00:00:00Z");
    private final ResultRow result = new ResultRow("r1", "LAB", List.of("2823-3"), "mmol/L", new BigDecimal("4.1"),
            ResultStatus.FINAL, t, "ev", "p1", false);

    /** A decision: recognized, or not (its result not final). */
    static RecognitionDecision decision(boolean recognized) {
        return RecognitionDecision.of(List.of(recognized
                ? CriterionResult.pass(Criterion.RESULT_FINAL, "final", List.of())
                : CriterionResult.fail(Criterion.RESULT_FINAL, "retracted", List.of())), RecognitionPolicy.defaults());
    }

    private Cause cause(String id, long seconds) {
        return new Cause(id, "Event", t.plusSeconds(seconds));
    }

    @Test
    void aFirstDecisionIsWrittenWithItsChangeInOneRow() {
        DecisionSet set = new DecisionSet();
        set.first(result, "a1", decision(true), "K", cause("e1", 1));
        assertThat(set.insertsWithTheirChange().size()).isEqualTo(1);
        assertThat(set.inserts().size() + set.updates().size() + set.changes().size()).isZero();
    }

    @Test
    void aResultRecognizedThenNotInOneSetIsWrittenOnceWithdrawnWithBothChanges() {
        DecisionSet set = new DecisionSet();
        set.first(result, "a1", decision(true), "K", cause("e1", 1));
        set.again(result, "a1", decision(false), "K", cause("e2", 2), null, false);

        assertThat(set.rows()).containsExactly(new Decisions.Row("r1", "a1", RecognitionStatus.NOT_RECOGNIZED, true,
                t.plusSeconds(2), t.plusSeconds(2), "K", Json.write(decision(false).criteria()), "e2", "Event"));
        assertThat(set.inserts().size()).as("still new: inserted as it stands").isEqualTo(1);
        assertThat(set.insertsWithTheirChange().size()).isZero();
        assertThat(set.updates().size()).isZero();
        assertThat(set.changes().size()).isEqualTo(2);
        assertThat(set.reusable().size()).as("one index entry, recognized once").isEqualTo(1);
    }

    @Test
    void aStoredDecisionDecidedAlikeChangesNothingAndOtherCriteriaReplaceItsCriteriaOnly() {
        Decisions.Row stored = new Decisions.Row("r1", "a1", RecognitionStatus.RECOGNIZED, true, t, null, "K",
                Json.write(decision(true).criteria()), "e0", "LabResultReported");
        DecisionSet same = new DecisionSet();
        same.again(result, "a1", decision(true), "K", cause("e1", 1), stored, true);
        assertThat(same.rows()).isEmpty();
        assertThat(same.reusable().size()).as("the index entry as it is").isZero();
        assertThat(same.changes().size()).isZero();

        RecognitionDecision otherReason = RecognitionDecision.of(List.of(CriterionResult.pass(Criterion.RESULT_FINAL,
                "final, corrected", List.of())), RecognitionPolicy.defaults());
        DecisionSet criteria = new DecisionSet();
        criteria.again(result, "a1", otherReason, "K", cause("e1", 1), stored, false);
        assertThat(criteria.rows()).containsExactly(new Decisions.Row("r1", "a1", RecognitionStatus.RECOGNIZED, true,
                t, null, "K", Json.write(otherReason.criteria()), "e0", "LabResultReported"));
        assertThat(criteria.updates().size()).isEqualTo(1);
        assertThat(criteria.changes().size()).as("no change of status").isZero();
        assertThat(criteria.reusable().size()).as("a corrected result is indexed again").isEqualTo(1);
    }

    @Test
    void aWithdrawalKeepsWhenItHappenedAndThatTheResultWasRecognized() {
        Decisions.Row stored = new Decisions.Row("r1", "a1", RecognitionStatus.RECOGNIZED, true, t, null, "K", "[]",
                "e0", "LabResultReported");
        DecisionSet set = new DecisionSet();
        set.again(result, "a1", decision(false), "K", cause("e5", 5), stored, true);
        set.again(result, "a1", decision(true), "K", cause("e6", 6), null, true);

        assertThat(set.rows()).containsExactly(new Decisions.Row("r1", "a1", RecognitionStatus.RECOGNIZED, true,
                t.plusSeconds(6), t.plusSeconds(5), "K", Json.write(decision(true).criteria()), "e6", "Event"));
        assertThat(set.inserts().size()).isZero();
        assertThat(set.updates().size()).isEqualTo(1);
        assertThat(set.changes().size()).isEqualTo(2);
    }

    @Test
    void theLastReportOfAResultWinsButItsLabStays() {
        DecisionSet set = new DecisionSet();
        set.result(result, "e1");
        set.result(new ResultRow("r1", "OTHER", List.of(), null, null, ResultStatus.ENTERED_IN_ERROR, t, "ev2", "p1",
                false), "e2");
        assertThat(set.results()).containsExactly(new ResultRow("r1", "LAB", List.of(), null, null,
                ResultStatus.ENTERED_IN_ERROR, t, "ev2", "p1", false));
        assertThat(set.causeOf(result)).isEqualTo("e2");
    }
}

package org.huren.domain.reuse;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import org.huren.domain.common.ConflictingStateException;

import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

class ReuseOutcomeTest {

    private FixtureConfiguration<ReuseOutcome> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReuseOutcome.class);
    }

    static RecordReuseOutcome outcome(ReuseChoice choice, String resultId, RetestReason reason, String text,
                                      boolean informed) {
        return new RecordReuseOutcome("o-1", "demo", "张医生", "心内科", "HR-SEC1", "national|1101", "K", resultId,
                choice, reason, text, informed);
    }

    static ReuseOutcomeRecorded recorded(RecordReuseOutcome c) {
        return new ReuseOutcomeRecorded(c.outcomeId(), c.allianceId(), c.clinician(), c.department(),
                c.orderingLab(), c.patientIdentifier(), c.itemCode(), c.resultId(), c.choice(), c.reason(),
                c.reasonText(), c.patientInformed(), null);
    }

    @Test
    void aReuseNamesTheResult() {
        RecordReuseOutcome reuse = outcome(ReuseChoice.REUSED, "result-9", null, null, false);
        fixture.givenNoPriorActivity().when(reuse).expectEvents(recorded(reuse));
    }

    @Test
    void aReuseWithoutItsResultIsRefused() {
        fixture.givenNoPriorActivity().when(outcome(ReuseChoice.REUSED, null, null, null, false))
                .expectNoEvents().expectException(ruleViolation("invalid-resultId", "resultId"));
    }

    @ParameterizedTest
    @EnumSource(value = RetestReason.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void aRetestRecordsEachAllowedReason(RetestReason reason) {
        RecordReuseOutcome retest = outcome(ReuseChoice.RETESTED, null, reason, null, true);
        fixture.givenNoPriorActivity().when(retest).expectEvents(recorded(retest));
    }

    @Test
    void aRetestWithoutReasonIsRefused() {
        fixture.givenNoPriorActivity().when(outcome(ReuseChoice.RETESTED, null, null, null, true))
                .expectNoEvents().expectException(ruleViolation("invalid-reason", "reason"));
    }

    @Test
    void anOtherReasonNeedsItsText() {
        fixture.givenNoPriorActivity().when(outcome(ReuseChoice.RETESTED, null, RetestReason.OTHER, " ", true))
                .expectNoEvents().expectException(ruleViolation("invalid-reasonText", "reasonText"));
        RecordReuseOutcome explained = outcome(ReuseChoice.RETESTED, null, RetestReason.OTHER, "仪器比对研究", true);
        fixture.givenNoPriorActivity().when(explained).expectEvents(recorded(explained));
    }

    @Test
    void aRetestRecordsThatThePatientWasToldWhy() {
        fixture.givenNoPriorActivity().when(outcome(ReuseChoice.RETESTED, null, RetestReason.EMERGENCY, null, false))
                .expectNoEvents().expectException(ruleViolation("invalid-patientInformed", "patientInformed"));
    }

    static final Instant VALID_UNTIL = Instant.parse("2026-11-30T00:00:00Z");

    static ReusableLookedUp lookedUp(String resultId) {
        return new ReusableLookedUp("o-1", "demo", "HR-CHC1", "王医生", "全科", List.of("national|1101"),
                "http://loinc.org|2823-3", "K", resultId, resultId == null ? null : "HR-CORE",
                resultId == null ? null : VALID_UNTIL, resultId == null ? List.of("no result") : List.of());
    }

    @Test
    void aLookupIsRecordedWithWhatItFound() {
        ReusableLookedUp found = lookedUp("result-9");
        fixture.givenNoPriorActivity()
                .when(new RecordLookup("o-1", "demo", "HR-CHC1", "王医生", "全科", List.of("national|1101"),
                        "http://loinc.org|2823-3", "K", "result-9", "HR-CORE", VALID_UNTIL, List.of()))
                .expectEvents(found);
        org.assertj.core.api.Assertions.assertThat(found.reminded()).isTrue();
        org.assertj.core.api.Assertions.assertThat(lookedUp(null).reminded()).isFalse();
    }

    @Test
    void aLookupNamesTheOrderingLab() {
        fixture.givenNoPriorActivity()
                .when(new RecordLookup("o-1", "demo", " ", null, null, List.of("national|1101"), "2823-3", null,
                        null, null, null, List.of("no result")))
                .expectNoEvents().expectException(ruleViolation("invalid-orderingLab", "orderingLab"));
    }

    @Test
    void aReuseAfterALookupTakesTheRemindedResultAndTheLookupsContext() {
        fixture.given(lookedUp("result-9"))
                .when(new RecordReuseOutcome("o-1", null, "王医生", null, null, null, null, null, ReuseChoice.REUSED,
                        null, null, false))
                .expectEvents(new ReuseOutcomeRecorded("o-1", "demo", "王医生", "全科", "HR-CHC1", "national|1101",
                        "K", "result-9", ReuseChoice.REUSED, null, null, false, "o-1"));
    }

    @Test
    void nothingIsReusedAfterALookupThatFoundNothingNorAResultOtherThanTheRemindedOne() {
        fixture.given(lookedUp(null))
                .when(new RecordReuseOutcome("o-1", null, "王医生", null, null, null, null, "result-7",
                        ReuseChoice.REUSED, null, null, false))
                .expectNoEvents().expectException(ruleViolation("invalid-choice", "choice"));
        fixture.given(lookedUp("result-9"))
                .when(new RecordReuseOutcome("o-1", null, "王医生", null, null, null, null, "result-7",
                        ReuseChoice.REUSED, null, null, false))
                .expectNoEvents().expectException(ruleViolation("invalid-resultId", "resultId"));
    }

    @Test
    void anOutcomeOfALookupKeepsTheLookupsContext() {
        fixture.given(lookedUp(null))
                .when(new RecordReuseOutcome("o-1", null, "王医生", "骨科", "HR-CORE", "other|1", "GLU", null,
                        ReuseChoice.RETESTED, RetestReason.TOO_OLD, null, true))
                .expectEvents(new ReuseOutcomeRecorded("o-1", "demo", "王医生", "全科", "HR-CHC1", "national|1101",
                        "K", null, ReuseChoice.RETESTED, RetestReason.TOO_OLD, null, true, "o-1"));
    }

    @Test
    void anOutcomeIsRecordedOnceARetryChangesNothingAndADifferentOneIsRefused() {
        RecordReuseOutcome retest = outcome(ReuseChoice.RETESTED, null, RetestReason.EMERGENCY, null, true);
        fixture.given(recorded(retest)).when(retest).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(recorded(retest)).when(outcome(ReuseChoice.REUSED, "result-9", null, null, false))
                .expectNoEvents().expectException(ConflictingStateException.class);
    }
}

package org.huren.domain.reuse;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
                c.reasonText(), c.patientInformed());
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
}

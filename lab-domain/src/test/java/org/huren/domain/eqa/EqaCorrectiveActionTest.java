package org.huren.domain.eqa;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.common.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

/** A verified EQA corrective action is recorded once: a retry changes nothing, other details are a conflict. */
class EqaCorrectiveActionTest {

    static final VerifyEqaCorrectiveAction VERIFY = new VerifyEqaCorrectiveAction("ca-1", "demo", "HR-SEC1", "K",
            "recalibrated, new reagent lot", "质控科 刘");
    static final EqaCorrectiveActionVerified VERIFIED = new EqaCorrectiveActionVerified("ca-1", "demo", "HR-SEC1",
            "K", "recalibrated, new reagent lot", "质控科 刘");

    FixtureConfiguration<EqaCorrectiveAction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EqaCorrectiveAction.class);
    }

    @Test
    void recordedOnceAndTheSameAgainChangesNothing() {
        fixture.givenNoPriorActivity().when(VERIFY).expectEvents(VERIFIED).expectResultMessagePayload(Change.CREATED);
        fixture.given(VERIFIED).when(VERIFY).expectNoEvents().expectResultMessagePayload(Change.UNCHANGED);
    }

    @Test
    void otherDetailsUnderTheSameIdAreAConflict() {
        fixture.given(VERIFIED).when(new VerifyEqaCorrectiveAction("ca-1", "demo", "HR-SEC1", "K", "new lot only",
                "质控科 刘")).expectNoEvents().expectException(conflict("request-id-reused", "requestId"));
    }

    @Test
    void itNamesWhatIsMissing() {
        fixture.givenNoPriorActivity().when(new VerifyEqaCorrectiveAction("ca-1", "demo", "HR-SEC1", "K", " ",
                "质控科 刘")).expectNoEvents().expectException(ruleViolation("invalid-description", "description"));
    }
}

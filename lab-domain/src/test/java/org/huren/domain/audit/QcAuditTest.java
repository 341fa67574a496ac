package org.huren.domain.audit;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.common.ConflictingStateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

/** The audit workflow: findings, corrective actions assigned, submitted, rejected, verified, reopened, overdue. */
class QcAuditTest {

    static final String AUDIT = "audit-1";
    static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    static final LocalDate DUE = LocalDate.of(2026, 12, 20);
    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");

    FixtureConfiguration<QcAudit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(QcAudit.class);
    }

    static AuditOpened opened(List<Dimension> scope) {
        return new AuditOpened(AUDIT, "demo", "HR-SEC1", AuditKind.UNANNOUNCED, List.of("刘", "王"), DATE, scope,
                List.of(), "qc");
    }

    static FindingRecorded major() {
        return new FindingRecorded(AUDIT, "demo", "HR-SEC1", "F1", Dimension.REAGENTS, Severity.MAJOR,
                "expired calibrator in use", List.of("photo-1.jpg"), List.of("K", "NA"), "刘");
    }

    static CorrectiveActionAssigned assigned(LocalDate due) {
        return new CorrectiveActionAssigned(AUDIT, "demo", "HR-SEC1", "F1", "科主任", due, "qc");
    }

    static CorrectiveActionSubmitted submitted() {
        return new CorrectiveActionSubmitted(AUDIT, "demo", "HR-SEC1", "F1", "replaced lot, recalibrated",
                List.of("cal-report.pdf"), "科主任");
    }

    @Test
    void openingTheSameAuditAgainChangesNothingAndAnotherUnderItsIdIsAConflict() {
        OpenAudit open = new OpenAudit(AUDIT, "demo", "HR-SEC1", AuditKind.UNANNOUNCED, List.of("刘", "王"), DATE,
                List.of(Dimension.REAGENTS), List.of(), "qc");
        fixture.givenNoPriorActivity().when(open).expectEvents(opened(List.of(Dimension.REAGENTS)))
                .expectResultMessagePayload(org.huren.domain.common.Change.CREATED);
        fixture.given(opened(List.of(Dimension.REAGENTS))).when(open).expectNoEvents()
                .expectResultMessagePayload(org.huren.domain.common.Change.UNCHANGED);
        fixture.given(opened(List.of(Dimension.REAGENTS))).when(new OpenAudit(AUDIT, "demo", "HR-SEC1",
                        AuditKind.UNANNOUNCED, List.of("刘", "王"), DATE.plusDays(1), List.of(Dimension.REAGENTS),
                        List.of(), "qc"))
                .expectNoEvents().expectException(
                        org.huren.domain.common.DomainRuleViolationMatcher.conflict("request-id-reused", "requestId"));
    }

    @Test
    void anAuditRecordsFindingsWithinItsScope() {
        fixture.given(opened(List.of(Dimension.REAGENTS)))
                .when(new RecordFinding(AUDIT, "F1", Dimension.REAGENTS, Severity.MAJOR, "expired calibrator in use",
                        List.of("photo-1.jpg"), List.of("K", "NA"), "刘"))
                .expectEvents(major());
        fixture.given(opened(List.of(Dimension.REAGENTS)))
                .when(new RecordFinding(AUDIT, "F2", Dimension.IQC, Severity.MINOR, "LJ charts not reviewed",
                        List.of(), List.of(), "刘"))
                .expectNoEvents().expectException(ruleViolation("invalid-dimension", "dimension"));
        fixture.given(opened(List.of()), major())
                .when(new RecordFinding(AUDIT, "F1", Dimension.REAGENTS, Severity.MINOR, "again", List.of(),
                        List.of(), "刘"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), new AuditClosed(AUDIT, "demo", "HR-SEC1", "done", "qc"))
                .when(new RecordFinding(AUDIT, "F9", Dimension.OTHER, Severity.OBSERVATION, "late", List.of(),
                        List.of(), "刘"))
                .expectNoEvents().expectException(ConflictingStateException.class);
    }

    @Test
    void theActionGoesAssignedSubmittedRejectedSubmittedVerified() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of()), major())
                .when(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"))
                .expectEvents(assigned(DUE))
                .expectScheduledDeadlineWithName(AllianceTime.endOf(DUE), QcAudit.DUE);
        fixture.given(opened(List.of()), major(), assigned(DUE))
                .when(new SubmitCorrectiveAction(AUDIT, "F1", "replaced lot, recalibrated", List.of("cal-report.pdf"),
                        "科主任"))
                .expectEvents(submitted());
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted())
                .when(new RejectCorrectiveAction(AUDIT, "F1", "no verification data", "质控科"))
                .expectEvents(new CorrectiveActionRejected(AUDIT, "demo", "HR-SEC1", "F1", "no verification data",
                        "质控科"));
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(),
                        new CorrectiveActionRejected(AUDIT, "demo", "HR-SEC1", "F1", "no data", "质控科"))
                .when(new SubmitCorrectiveAction(AUDIT, "F1", "replaced lot, recalibrated", List.of("cal-report.pdf"),
                        "科主任"))
                .expectEvents(submitted());
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted())
                .when(new VerifyCorrectiveAction(AUDIT, "F1", "checked on site", "质控科"))
                .expectEvents(new CorrectiveActionVerified(AUDIT, "demo", "HR-SEC1", "F1", "checked on site",
                        "质控科"));
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheStateTheyMet() {
        fixture.given(opened(List.of()), major())
                .when(new SubmitCorrectiveAction(AUDIT, "F1", "done", List.of(), "科主任"))
                .expectNoEvents().expectException(ConflictingStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is NONE"));
        fixture.given(opened(List.of()), major(), assigned(DUE))
                .when(new VerifyCorrectiveAction(AUDIT, "F1", null, "质控科"))
                .expectNoEvents().expectException(ConflictingStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is ASSIGNED"));
        fixture.given(opened(List.of()), major(), assigned(DUE))
                .when(new RejectCorrectiveAction(AUDIT, "F1", "no", "质控科"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted())
                .when(new ReopenFinding(AUDIT, "F1", "again", "质控科"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major())
                .when(new VerifyCorrectiveAction(AUDIT, "F9", null, "质控科"))
                .expectNoEvents().expectException(ruleViolation("unknown-finding", "findingId"));
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted())
                .when(new RejectCorrectiveAction(AUDIT, "F1", " ", "质控科"))
                .expectNoEvents().expectException(ruleViolation("invalid-reason", "reason"));
    }

    @Test
    void aVerifiedFindingIsReopenedAndNeedsANewAction() {
        CorrectiveActionVerified verified = new CorrectiveActionVerified(AUDIT, "demo", "HR-SEC1", "F1", null, "质控科");
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(), verified)
                .when(new ReopenFinding(AUDIT, "F1", "calibrator expired again", "质控科"))
                .expectEvents(new FindingReopened(AUDIT, "demo", "HR-SEC1", "F1", "calibrator expired again",
                        "质控科"));
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(), verified,
                        new FindingReopened(AUDIT, "demo", "HR-SEC1", "F1", "again", "质控科"))
                .when(new SubmitCorrectiveAction(AUDIT, "F1", "done", List.of(), "科主任"))
                .expectNoEvents().expectException(ConflictingStateException.class);
    }

    @Test
    void anActionNotVerifiedByTheEndOfItsDueDateIsFlaggedOverdue() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of()), major())
                .andGivenCommands(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"))
                .whenTimeAdvancesTo(AllianceTime.endOf(DUE))
                .expectEvents(new CorrectiveActionOverdue(AUDIT, "demo", "HR-SEC1", "F1", DUE));
    }

    @Test
    void anActionVerifiedInTimeIsNeverOverdue() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of()), major())
                .andGivenCommands(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"),
                        new SubmitCorrectiveAction(AUDIT, "F1", "done", List.of(), "科主任"),
                        new VerifyCorrectiveAction(AUDIT, "F1", null, "质控科"))
                .whenTimeAdvancesTo(AllianceTime.endOf(DUE).plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void onlyTheLatestAssignmentsDeadlineFlagsOnceEvenWithTheSameDueDate() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of()), major())
                .andGivenCommands(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"),
                        new AssignCorrectiveAction(AUDIT, "F1", "副主任", DUE, "qc"))
                .whenTimeAdvancesTo(AllianceTime.endOf(DUE))
                .expectEvents(new CorrectiveActionOverdue(AUDIT, "demo", "HR-SEC1", "F1", DUE));
        fixture = new AggregateTestFixture<>(QcAudit.class);
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of()), major())
                .andGivenCommands(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"),
                        new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE.plusDays(10), "qc"))
                .whenTimeAdvancesTo(AllianceTime.endOf(DUE))
                .expectNoEvents();
    }

    @Test
    void nothingIsAssignedToAVerifiedOrSubmittedActionAndEveryStepSaysWho() {
        CorrectiveActionVerified verified = new CorrectiveActionVerified(AUDIT, "demo", "HR-SEC1", "F1", null, "质控科");
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(), verified)
                .when(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted())
                .when(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, "qc"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(),
                        new CorrectiveActionRejected(AUDIT, "demo", "HR-SEC1", "F1", "no", "质控科"))
                .when(new RejectCorrectiveAction(AUDIT, "F1", "again", "质控科"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major(), assigned(DUE), submitted(),
                        new CorrectiveActionRejected(AUDIT, "demo", "HR-SEC1", "F1", "no", "质控科"))
                .when(new VerifyCorrectiveAction(AUDIT, "F1", null, "质控科"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.given(opened(List.of()), major())
                .when(new AssignCorrectiveAction(AUDIT, "F1", "科主任", DUE, " "))
                .expectNoEvents().expectException(ruleViolation("invalid-assignedBy", "assignedBy"));
    }
}

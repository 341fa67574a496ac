package org.huren.domain.linking;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

class PersonLinkTest {

    static final String PERSON = PersonLink.personId("demo", "national", "110101");
    static final PatientRecordLinked LINKED_A = new PatientRecordLinked(PERSON, "demo", "national", "110101", "p-a", "A");
    static final PatientRecordLinked LINKED_B = new PatientRecordLinked(PERSON, "demo", "national", "110101", "p-b", "B");

    private FixtureConfiguration<PersonLink> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PersonLink.class);
    }

    static LinkPatientRecord link(String patient, String lab) {
        return new LinkPatientRecord(PERSON, "demo", "national", "110101", patient, lab);
    }

    @Test
    void theFirstRecordCreatesThePersonAndLaterOnesJoin() {
        fixture.givenNoPriorActivity().when(link("p-a", "A")).expectEvents(LINKED_A);
        fixture.given(LINKED_A).when(link("p-b", "B")).expectEvents(LINKED_B);
    }

    @Test
    void aRecordAlreadyLinkedIsNotLinkedTwice() {
        fixture.given(LINKED_A).when(link("p-a", "A")).expectNoEvents();
    }

    @Test
    void anUndoneLinkStaysUndone() {
        fixture.given(LINKED_A, LINKED_B).when(new UnlinkPatientRecord(PERSON, "p-b", "two people, one number"))
                .expectEvents(new PatientRecordUnlinked(PERSON, "demo", "p-b", "two people, one number"));
        fixture.given(LINKED_A, LINKED_B, new PatientRecordUnlinked(PERSON, "demo", "p-b", "mix-up"))
                .when(link("p-b", "B")).expectNoEvents();
    }

    @Test
    void unlinkingNeedsAReasonAndALinkedRecord() {
        fixture.given(LINKED_A).when(new UnlinkPatientRecord(PERSON, "p-a", " "))
                .expectNoEvents().expectException(ruleViolation("invalid-reason", "reason"));
        fixture.given(LINKED_A).when(new UnlinkPatientRecord(PERSON, "p-x", "r"))
                .expectNoEvents().expectException(conflict("not-linked", "patientId"));
    }

    static ConfirmPatientLink confirm(String patient, String lab, String reason) {
        return new ConfirmPatientLink(PERSON, "demo", "national", "110101", patient, lab, reason);
    }

    @Test
    void aQcManagersDecisionLinksAnUndoneRecordAgainUntilTheNextUnlink() {
        PatientRecordUnlinked undone = new PatientRecordUnlinked(PERSON, "demo", "p-b", "mix-up");
        PatientLinkConfirmed confirmed = new PatientLinkConfirmed(PERSON, "demo", "national", "110101", "p-b", "B",
                "ID card checked");
        fixture.given(LINKED_A, LINKED_B, undone).when(confirm("p-b", "B", "ID card checked"))
                .expectEvents(confirmed);
        fixture.given(LINKED_A, LINKED_B, undone, confirmed).when(confirm("p-b", "B", "again"))
                .expectNoEvents();
        fixture.given(LINKED_A, LINKED_B, undone, confirmed)
                .when(new UnlinkPatientRecord(PERSON, "p-b", "wrong after all"))
                .expectEvents(new PatientRecordUnlinked(PERSON, "demo", "p-b", "wrong after all"));
        fixture.given(LINKED_A, LINKED_B, undone, confirmed, new PatientRecordUnlinked(PERSON, "demo", "p-b", "no"))
                .when(link("p-b", "B")).expectNoEvents();
    }

    @Test
    void aDecisionMayLinkARecordTheLinkerNeverLinkedAndNeedsAReason() {
        fixture.givenNoPriorActivity().when(confirm("p-c", "C", "same person, typo in the ID"))
                .expectEvents(new PatientLinkConfirmed(PERSON, "demo", "national", "110101", "p-c", "C",
                        "same person, typo in the ID"));
        fixture.given(LINKED_A).when(confirm("p-c", "C", "  "))
                .expectNoEvents().expectException(ruleViolation("invalid-reason", "reason"));
    }
}

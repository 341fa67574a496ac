package org.huren.domain.patient;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.common.Change;
import org.huren.domain.common.Identifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.hamcrest.Matchers.containsString;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.staleVersion;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;
import static org.huren.domain.patient.PatientContentBuilder.MEDICAL_RECORD_NUMBER;
import static org.huren.domain.patient.PatientContentBuilder.NATIONAL_ID;
import static org.huren.domain.patient.PatientContentBuilder.aPatient;

class PatientTest {

    private static final String LAB = "lab-310000-01";
    private static final String OTHER_LAB = "lab-330000-07";
    private static final ResourceKey KEY = new ResourceKey(MEDICAL_RECORD_NUMBER.system(), MEDICAL_RECORD_NUMBER.value());
    private static final String PATIENT_ID = KEY.derivedId("Patient", LAB);

    private static final PatientContent REGISTERED_DETAILS = aPatient()
            .withContentHash("sha256:patient-v1").build();
    private static final PatientContent CHANGED_DETAILS = aPatient()
            .withContentHash("sha256:patient-v2").withName("张三丰")
            .withIdentifiers(MEDICAL_RECORD_NUMBER, NATIONAL_ID).build();
    private static final PatientContent NO_IDENTIFIERS = aPatient()
            .withContentHash("sha256:patient-without-identifiers").withoutIdentifiers().build();

    private FixtureConfiguration<Patient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Patient.class);
    }

    private static RegisterPatient register(PatientContent content) {
        return new RegisterPatient(PATIENT_ID, LAB, KEY, content);
    }

    private static UpdatePatientDetails update(PatientContent content) {
        return new UpdatePatientDetails(PATIENT_ID, LAB, content);
    }

    private static PatientRegistered registered(PatientContent content) {
        return new PatientRegistered(PATIENT_ID, LAB, KEY, content);
    }

    private static WriteOutcome outcome(Change change, long version) {
        return new WriteOutcome(PATIENT_ID, change, version);
    }

    @Nested
    class Content {

        @Test
        void withoutAContentHashIsRejected() {
            assertThatNullPointerException()
                    .isThrownBy(() -> aPatient().withContentHash(null).build())
                    .withMessage("contentHash");
        }
    }

    @Nested
    class NewPatient {

        @Test
        void isRegisteredAndAnsweredWithItsIdentifier() {
            fixture.givenNoPriorActivity()
                    .when(register(REGISTERED_DETAILS))
                    .expectEvents(registered(REGISTERED_DETAILS))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(PATIENT_ID);
        }

        @Test
        void withoutIdentifiersIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(register(NO_IDENTIFIERS))
                    .expectNoEvents()
                    .expectException(ruleViolation("patient-without-identifier", "Patient.identifier"));
        }

        @Test
        void withAResidentIdWhoseCheckDigitIsWrongIsRejectedNamingThatIdentifier() {
            PatientContent mistyped = aPatient().withContentHash("sha256:mistyped-id").withIdentifiers(
                    MEDICAL_RECORD_NUMBER, new Identifier(ChineseIdentifierSystems.RESIDENT_ID, "110101199003071234",
                            "NI")).build();

            fixture.givenNoPriorActivity()
                    .when(register(mistyped))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-resident-id", "Patient.identifier[1].value"));
        }

        @Test
        void withAValidResidentIdEndingInXIsRegistered() {
            PatientContent withId = aPatient().withContentHash("sha256:valid-id").withIdentifiers(
                    new Identifier(ChineseIdentifierSystems.RESIDENT_ID, "11010519491231002X", "NI")).build();

            fixture.givenNoPriorActivity()
                    .when(register(withId))
                    .expectEvents(registered(withId));
        }
    }

    @Nested
    class RegisteredPatient {

        @Test
        void updatedWithoutIdentifiersIsRejected() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(update(NO_IDENTIFIERS))
                    .expectNoEvents()
                    .expectException(ruleViolation("patient-without-identifier", "Patient.identifier"));
        }

        @Test
        void updatedWithTheSameContentHashIsUnchanged() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(update(REGISTERED_DETAILS))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 1));
        }

        @Test
        void updatedWithChangedDetailsRecordsTheChange() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(update(CHANGED_DETAILS))
                    .expectEvents(new PatientDetailsChanged(PATIENT_ID, LAB, CHANGED_DETAILS))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void changedASecondTimeReachesVersionThree() {
            PatientContent changedAgain = aPatient().withContentHash("sha256:patient-v3").withName("张三")
                    .withIdentifiers(NATIONAL_ID).build();

            fixture.given(registered(REGISTERED_DETAILS), new PatientDetailsChanged(PATIENT_ID, LAB, CHANGED_DETAILS))
                    .when(update(changedAgain))
                    .expectEvents(new PatientDetailsChanged(PATIENT_ID, LAB, changedAgain))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 3));
        }

        @Test
        void updatedAgainAfterAChangeIsUnchangedAtVersionTwo() {
            fixture.given(registered(REGISTERED_DETAILS), new PatientDetailsChanged(PATIENT_ID, LAB, CHANGED_DETAILS))
                    .when(update(CHANGED_DETAILS))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 2));
        }

        @Test
        void updatedByAnotherLabIsAConflict() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(new UpdatePatientDetails(PATIENT_ID, OTHER_LAB, CHANGED_DETAILS))
                    .expectNoEvents()
                    .expectException(conflict("patient-of-other-lab", "Patient"))
                    .expectExceptionMessage(containsString(PATIENT_ID));
        }

        @Test
        void resentUnchangedByAnotherLabIsStillAConflict() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(new UpdatePatientDetails(PATIENT_ID, OTHER_LAB, REGISTERED_DETAILS))
                    .expectNoEvents()
                    .expectException(conflict("patient-of-other-lab", "Patient"));
        }
    
        @Test
        void updatedAgainstTheCurrentVersionRecordsTheChange() {
            fixture.given(registered(REGISTERED_DETAILS))
                    .when(new UpdatePatientDetails(PATIENT_ID, LAB, CHANGED_DETAILS, 1L))
                    .expectEvents(new PatientDetailsChanged(PATIENT_ID, LAB, CHANGED_DETAILS))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void updatedAgainstAnOlderVersionIsRefused() {
            fixture.given(registered(REGISTERED_DETAILS), new PatientDetailsChanged(PATIENT_ID, LAB, CHANGED_DETAILS))
                    .when(new UpdatePatientDetails(PATIENT_ID, LAB, REGISTERED_DETAILS, 1L))
                    .expectNoEvents()
                    .expectException(staleVersion())
                    .expectExceptionMessage(containsString("Patient/" + PATIENT_ID + " is at version 2"));
        }
    }
}

package org.huren.api.labresult;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.huren.api.support.Tokens;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.huren.api.support.LabData.RESULT_ID;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/** How an LIS writes single results: create, resend, correct, retract — and every way a write is refused. */
@HurenIntegrationTest
class ObservationWriteIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    FhirTestClient core;
    String patientRef;

    @BeforeEach
    void aPatientOfTheCoreLab() {
        core = new FhirTestClient(base(), "HR-CORE");
        Bundle response = core.transaction(LabData.transaction(LabData.patient(unique("110101"))));
        patientRef = "Patient/" + LabData.idOf(response, 0);
    }

    String base() {
        return "http://localhost:" + port + "/fhir";
    }

    @Test
    void conditionalCreateStoresOnceAndAnswersTheExistingResultOnResend() {
        String resultId = unique("R");
        MethodOutcome first = core.client().create().resource(potassium(resultId, patientRef, "4.10"))
                .conditionalByUrl("Observation?identifier=" + RESULT_ID + "|" + resultId).execute();
        assertThat(first.getCreated()).isTrue();
        long events = eventStore.eventCount();

        MethodOutcome again = core.client().create().resource(potassium(resultId, patientRef, "4.10"))
                .conditionalByUrl("Observation?identifier=" + RESULT_ID + "|" + resultId).execute();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(eventStore.eventCount()).isEqualTo(events);

        Observation read = core.client().read().resource(Observation.class).withId(first.getId().getIdPart()).execute();
        assertThat(read.getValueQuantity().getValue()).isEqualByComparingTo("4.10");
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.getPerformer()).as("attributed to the submitting member lab")
                .extracting(r -> r.getReference()).containsExactly("Organization/HR-CORE");
    }

    @Test
    void updateWithChangedContentIsACorrectionAndEnteredInErrorARetraction() {
        String resultId = unique("R");
        MethodOutcome created = core.client().create().resource(potassium(resultId, patientRef, "4.10")).execute();
        String id = created.getId().getIdPart();

        Observation corrected = potassium(resultId, patientRef, "4.30");
        corrected.setId(id);
        corrected.setStatus(Observation.ObservationStatus.CORRECTED);
        MethodOutcome update = core.client().update().resource(corrected).execute();
        assertThat(update.getId().getVersionIdPart()).isEqualTo("2");
        Observation read = core.client().read().resource(Observation.class).withId(id).execute();
        assertThat(read.getValueQuantity().getValue()).isEqualByComparingTo("4.30");
        assertThat(read.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);

        Observation retracted = corrected.copy();
        retracted.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(core.client().update().resource(retracted).execute().getId().getVersionIdPart()).isEqualTo("3");
        assertThat(core.client().read().resource(Observation.class).withId(id).execute().getStatus())
                .isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);

        long events = eventStore.eventCount();
        Observation revived = potassium(resultId, patientRef, "4.50");
        revived.setId(id);
        refused(409, "Observation.status", () -> core.client().update().resource(revived).execute());
        assertThat(eventStore.eventCount()).isEqualTo(events);
    }

    @Test
    void conditionalUpdateCreatesAnUnknownResultAndCorrectsAKnownOne() {
        String resultId = unique("R");
        String condition = "Observation?identifier=" + RESULT_ID + "|" + resultId;
        MethodOutcome created = core.client().update().resource(potassium(resultId, patientRef, "3.9"))
                .conditionalByUrl(condition).execute();
        assertThat(created.getCreated()).isTrue();
        MethodOutcome corrected = core.client().update().resource(potassium(resultId, patientRef, "4.0"))
                .conditionalByUrl(condition).execute();
        assertThat(corrected.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
        assertThat(corrected.getId().getVersionIdPart()).isEqualTo("2");
    }

    @Test
    void aResultIsRefusedWhenItIsNotLabData() {
        Observation vital = potassium(unique("R"), patientRef, "4.1");
        vital.getCategoryFirstRep().getCodingFirstRep().setCode("vital-signs");
        refusedAndNothingStored(422, "Observation.category", () -> core.client().create().resource(vital).execute());
    }

    @Test
    void aResultNeedsACodeWithASystem() {
        // a lab's own code (system and code) is taken and mapped by the lab's code map (LocalCodeOnboardingIT)
        Observation noSystem = potassium(unique("R"), patientRef, "4.1");
        noSystem.getCode().getCodingFirstRep().setSystem(null).setCode("K");
        refusedAndNothingStored(422, "Observation.code", () -> core.client().create().resource(noSystem).execute());
    }

    @Test
    void aQuantityNeedsAValidUcumUnit() {
        Observation badUnit = potassium(unique("R"), patientRef, "7.4");
        badUnit.getValueQuantity().setCode("mmol/litre");
        refusedAndNothingStored(422, "Observation.value.ofType(Quantity).code",
                () -> core.client().create().resource(badUnit).execute());

        Observation noSystem = potassium(unique("R"), patientRef, "4.1");
        noSystem.getValueQuantity().setSystem(null);
        refusedAndNothingStored(422, "Observation.value.ofType(Quantity).system",
                () -> core.client().create().resource(noSystem).execute());

        Observation noValue = potassium(unique("R"), patientRef, "4.1");
        noValue.setValue(new Quantity().setComparator(Quantity.QuantityComparator.LESS_THAN)
                .setSystem(LabData.UCUM).setCode("mmol/L"));
        refusedAndNothingStored(422, "Observation.value.ofType(Quantity).value",
                () -> core.client().create().resource(noValue).execute());
    }

    @Test
    void aResultNeedsASubjectPatientHuRenKnows() {
        Observation noSubject = potassium(unique("R"), patientRef, "4.1");
        noSubject.setSubject(null);
        refusedAndNothingStored(422, "Observation.subject",
                () -> core.client().create().resource(noSubject).execute());

        Observation unknown = potassium(unique("R"), "Patient/does-not-exist", "4.1");
        refusedAndNothingStored(422, "Observation.subject",
                () -> core.client().create().resource(unknown).execute());
    }

    @Test
    void aPatientWithoutIdentifierIsRefused() {
        Patient anonymous = new Patient();
        anonymous.addName().setFamily("无名");
        Bundle bundle = LabData.transaction(LabData.patient(unique("x")), potassium(unique("R"), null, "4.1"));
        bundle.getEntryFirstRep().setResource(anonymous).getRequest().setIfNoneExist(null);
        refusedAndNothingStored(422, "Bundle.entry[0].resource.identifier", () -> core.transaction(bundle));
    }

    @Test
    void theLabIsTheTokensAndAPerformerMustBeIt() {
        FhirTestClient anonymous = new FhirTestClient(base(), Tokens.qcNetwork());
        refusedAndNothingStored(403, null,
                () -> anonymous.client().create().resource(potassium(unique("R"), patientRef, "4.1")).execute());

        FhirTestClient stranger = new FhirTestClient(base(), "NOT-A-LAB");
        refusedAndNothingStored(403, null,
                () -> stranger.client().create().resource(potassium(unique("R"), patientRef, "4.1")).execute());

        Observation otherPerformer = potassium(unique("R"), patientRef, "4.1");
        otherPerformer.addPerformer().setReference("Organization/HR-SEC1");
        refusedAndNothingStored(422, "Observation.performer[0]",
                () -> core.client().create().resource(otherPerformer).execute());

        Observation unknownPerformer = potassium(unique("R"), patientRef, "4.1");
        unknownPerformer.addPerformer().setReference("Organization/NOT-A-LAB");
        refusedAndNothingStored(422, "Observation.performer[0]",
                () -> core.client().create().resource(unknownPerformer).execute());
    }

    @Test
    void aPerformerNeverNamesTheLabButMayBeTheTokensLab() {
        Observation performed = potassium(unique("R"), patientRef, "4.1");
        performed.addPerformer().setReference("Organization/HR-CORE");
        FhirTestClient noLab = new FhirTestClient(base(), Tokens.qcNetwork());
        refusedAndNothingStored(403, null, () -> noLab.client().create().resource(performed).execute());

        MethodOutcome outcome = core.client().create().resource(performed).execute();
        assertThat(outcome.getCreated()).isTrue();
        List<?> byPerformer = core.client().search().forResource(Observation.class)
                .where(Observation.PERFORMER.hasId("Organization/HR-CORE"))
                .and(Observation.IDENTIFIER.exactly().systemAndCode(RESULT_ID,
                        performed.getIdentifierFirstRep().getValue()))
                .returnBundle(Bundle.class).execute().getEntry();
        assertThat(byPerformer).hasSize(1);
    }

    @Test
    void aTransactionIsAllOrNothing() {
        Observation good = potassium(unique("R"), null, "4.1");
        Observation bad = potassium(unique("R"), null, "4.2");
        bad.getCode().getCodingFirstRep().setSystem(null);
        Bundle bundle = LabData.transaction(LabData.patient(unique("110102")), good, bad);
        refusedAndNothingStored(422, "Bundle.entry[2].resource.code", () -> core.transaction(bundle));

        Observation retractedUnknown = potassium(unique("R"), null, "4.1");
        retractedUnknown.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        Bundle lateFailure = LabData.transaction(LabData.patient(unique("110103")),
                potassium(unique("R"), null, "4.0"), retractedUnknown);
        refusedAndNothingStored(422, "Bundle.entry[2].resource.status", () -> core.transaction(lateFailure));
    }

    @Test
    void aTransactionRefusesUnsupportedMethodsAndUnresolvedReferences() {
        Bundle delete = LabData.transaction(LabData.patient(unique("110104")), potassium(unique("R"), null, "4.0"));
        delete.getEntry().get(1).getRequest().setMethod(Bundle.HTTPVerb.DELETE);
        refusedAndNothingStored(422, "Bundle.entry[1].request.method", () -> core.transaction(delete));

        Bundle dangling = LabData.transaction(LabData.patient(unique("110105")),
                potassium(unique("R"), "urn:uuid:00000000-0000-0000-0000-000000000000", "4.0"));
        refusedAndNothingStored(400, "Bundle.entry[1].resource.subject", () -> core.transaction(dangling));
    }

    @Test
    void writersRacingOnTheSamePatientStoreItOnce() throws Exception {
        String nationalId = unique("110106");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Bundle>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(() -> new FhirTestClient(base(), "HR-CORE").transaction(LabData.transaction(
                        LabData.patient(nationalId), potassium(unique("R"), null, "4.0"))));
            }
            List<String> patientIds = new ArrayList<>();
            for (Future<Bundle> response : pool.invokeAll(posts)) {
                patientIds.add(LabData.idOf(response.get(), 0));
            }
            assertThat(patientIds).containsOnly(patientIds.get(0));
            assertThat(eventStore.eventsOf(patientIds.get(0))).as("one PatientRegistered, however many raced")
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCreateWithChangedContentForAKnownResultIsRefusedNotDropped() {
        String resultId = unique("R");
        core.client().create().resource(potassium(resultId, patientRef, "4.10")).execute();
        Observation retraction = potassium(resultId, patientRef, "4.10");
        retraction.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        refusedAndNothingStored(409, "Observation", () -> core.client().create().resource(retraction).execute());
    }

    @Test
    void aTransactionNamingTheSameResultTwiceIsRefused() {
        String resultId = unique("R");
        Bundle twice = LabData.transaction(LabData.patient(unique("110107")), potassium(resultId, null, "4.0"),
                potassium(resultId, null, "4.1"));
        refusedAndNothingStored(422, "Bundle.entry[2].resource", () -> core.transaction(twice));
    }

    @Test
    void aLabCannotFileResultsUnderAnotherLabsPatient() {
        FhirTestClient secondary = new FhirTestClient(base(), "HR-SEC1");
        refusedAndNothingStored(422, "Observation.subject",
                () -> secondary.client().create().resource(potassium(unique("R"), patientRef, "4.0")).execute());
    }

    @Test
    void aDayPrecisionDateCoversThatDayInChinaStandardTime() {
        Observation dated = potassium(unique("R"), patientRef, "4.0");
        dated.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-01-10"));
        String id = core.client().create().resource(dated).execute().getId().getIdPart();
        List<String> found = core.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId(patientRef))
                .and(Observation.DATE.exactly().day("2026-01-10"))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
        assertThat(found).contains(id);
        Long start = jdbc.queryForObject("SELECT extract(epoch FROM effective_start)::bigint FROM "
                + "readmodel.observation WHERE id = ?", Long.class, id);
        assertThat(java.time.Instant.ofEpochSecond(start)).isEqualTo("2026-01-09T16:00:00Z");
    }

    @Test
    void anUnknownResultIsNotFound() {
        refused(404, null, () -> core.client().read().resource(Observation.class).withId("no-such-result").execute());
    }

    private void refusedAndNothingStored(int status, String expression, Executable request) {
        long events = eventStore.eventCount();
        refused(status, expression, request);
        assertThat(eventStore.eventCount()).as("nothing stored").isEqualTo(events);
    }

    static OperationOutcome refused(int status, String expression, Executable request) {
        try {
            request.execute();
        } catch (BaseServerResponseException e) {
            assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status);
            OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
            assertThat(outcome).as("an OperationOutcome").isNotNull();
            assertThat(outcome.getIssue()).isNotEmpty()
                    .allSatisfy(issue -> assertThat(issue.getSeverity())
                            .isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL));
            if (expression != null) {
                assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getExpression())
                        .extracting(org.hl7.fhir.r4.model.StringType::getValue).contains(expression));
            }
            return outcome;
        } catch (Throwable other) {
            fail("expected HTTP " + status + " but got " + other, other);
        }
        return fail("expected HTTP " + status + " but the request succeeded");
    }

    static BigDecimal value(Observation observation) {
        return observation.getValueQuantity().getValue();
    }
}

package org.huren.api.recognition;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Patients across labs: records of different members sharing an identifier of a system the alliance trusts are
 * linked (as events); a clinician searching by any linked record's identifier sees every member's results; an
 * undone link stays undone.
 */
@HurenIntegrationTest
class PatientLinkingIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Test
    void recordsSharingATrustedIdentifierAreFoundByEachOthersIdentifiersUntilUnlinked() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "lnk-" + suffix;
        String labA = "LNKA-" + suffix;
        String labB = "LNKB-" + suffix;
        new AllianceSteps(qc).form(alliance, "关联测试医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "COMMUNITY");
        assertThat(qc.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        qc.get("/api/alliances/" + alliance + "/members");

        String nationalId = unique("1130");
        FhirTestClient lisA = new FhirTestClient("http://localhost:" + port + "/fhir", labA);
        FhirTestClient lisB = new FhirTestClient("http://localhost:" + port + "/fhir", labB);
        Patient atA = record(nationalId, "MRN-A-" + suffix);
        Patient atB = record(nationalId, "MRN-B-" + suffix);
        Bundle a = lisA.transaction(LabData.transaction(atA, potassium(unique("R"), null, "4.0")));
        Bundle b = lisB.transaction(LabData.transaction(atB, potassium(unique("R"), null, "4.4")));
        String resultA = LabData.idOf(a, 1);
        String resultB = LabData.idOf(b, 1);
        String patientB = LabData.idOf(b, 0);

        FhirTestClient clinician = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        // the links are committed with the patient records: the position lab B's write answered covers them
        clinician.awaitPosition(Math.max(lisA.lastPosition(), lisB.lastPosition()));
        assertThat(byIdentifier(clinician, "MRN-A-" + suffix)).as("lab A's MRN finds lab B's record too")
                .containsExactlyInAnyOrder(resultA, resultB);
        String person = org.huren.domain.linking.PersonLink.personId(alliance, LabData.NATIONAL_ID, nationalId);
        assertThat(eventStore.eventsOf(person)).as("two records linked").isEqualTo(2);
        assertThat(byIdentifier(clinician, nationalId)).containsExactlyInAnyOrder(resultA, resultB);

        assertThat(qc.post("/api/alliances/" + alliance + "/patient-links/unlink", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", patientB, "reason", "二人同号：录入错误"))
                .status()).isEqualTo(200);
        clinician.awaitPosition(qc.lastPosition());
        assertThat(byIdentifier(clinician, "MRN-A-" + suffix)).as("the link is undone").containsExactly(resultA);

        Patient changed = record(nationalId, "MRN-B-" + suffix);
        changed.addIdentifier().setSystem("https://huren.example.org/sid/insurance").setValue("INS-" + suffix);
        Bundle again = LabData.transaction(changed, potassium(unique("R"), null, "4.5"));
        again.getEntryFirstRep().getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + LabData.NATIONAL_ID + "|" + nationalId).setIfNoneExist(null);
        lisB.transaction(again);
        // the linker decided on lab B's new details in the same transaction
        clinician.awaitPosition(lisB.lastPosition());
        byIdentifier(clinician, nationalId);
        assertThat(eventStore.eventsOf(person)).as("linked twice, unlinked once, not linked again").isEqualTo(3);
        assertThat(byIdentifier(clinician, "MRN-A-" + suffix)).containsExactly(resultA);
    }

    /**
     * Issue 11: a QC manager's "this record is not this person" separates the record from the identifier it
     * carries — no search, {@code $reusable} or lookup by that identifier finds it any more, for good — until a
     * new decision links it again; both decisions are events, and {@code $recognition} of its results says when
     * and why.
     */
    @Test
    void anUnlinkedRecordIsNoLongerFoundByTheIdentifierItCarriesUntilLinkedAgain() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "unl-" + suffix;
        String labA = "UNA-" + suffix;
        String labB = "UNB-" + suffix;
        String clinic = "UNC-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "解除关联医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "SECONDARY").enrol(alliance, clinic, "COMMUNITY")
                .seedCatalog(alliance).letNotYetKnownPass(alliance);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        steps.accredit(alliance, labA, today, List.of("K"));
        steps.accredit(alliance, labB, today, List.of("K"));
        assertThat(qc.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        java.time.Instant enrolled = java.time.Instant.parse(qc.get("/api/alliances/" + alliance + "/members")
                .body().get(2).path("since").asText());

        String nationalId = unique("1131");
        String base = "http://localhost:" + port + "/fhir";
        FhirTestClient lisA = new FhirTestClient(base, labA);
        FhirTestClient lisB = new FhirTestClient(base, labB);
        Bundle a = lisA.transaction(LabData.transaction(record(nationalId, "MRN-A-" + suffix),
                taken(potassium(unique("R"), null, "4.0"), enrolled.plusMillis(100))));
        Bundle b = lisB.transaction(LabData.transaction(record(nationalId, "MRN-B-" + suffix),
                taken(potassium(unique("R"), null, "4.4"), enrolled.plusMillis(200))));
        String resultA = LabData.idOf(a, 1);
        String resultB = LabData.idOf(b, 1);
        String patientA = LabData.idOf(a, 0);
        String patientB = LabData.idOf(b, 0);
        FhirTestClient clinician = new FhirTestClient(base, Tokens.clinician(clinic));
        clinician.awaitPosition(Math.max(lisA.lastPosition(), lisB.lastPosition()));
        assertThat(byIdentifier(clinician, "MRN-A-" + suffix)).as("linked in the writing transaction")
                .containsExactlyInAnyOrder(resultA, resultB);
        assertThat(reusableResult(clinician, alliance, nationalId, false)).as("the newest: lab B's")
                .isEqualTo(resultB);

        // the QC manager: lab B's record is somebody else who was given the same national ID
        String person = org.huren.domain.linking.PersonLink.personId(alliance, LabData.NATIONAL_ID, nationalId);
        long before = eventStore.eventsOf(person);
        ApiClient.Answer unlinked = qc.post("/api/alliances/" + alliance + "/patient-links/unlink", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", patientB, "reason", "身份证号录入错误：另一患者"));
        assertThat(unlinked.status()).isEqualTo(200);
        clinician.awaitPosition(qc.lastPosition());
        assertThat(byIdentifier(clinician, nationalId)).as("the national ID no longer finds lab B's record")
                .containsExactly(resultA);
        assertThat(patients(clinician, nationalId)).containsExactly(patientA);
        assertThat(byIdentifier(clinician, "MRN-B-" + suffix)).as("its own MRN still finds it").containsExactly(resultB);
        assertThat(reusableResult(clinician, alliance, nationalId, false)).isEqualTo(resultA);
        assertThat(reusableResult(clinician, alliance, nationalId, true)).as("an order-time lookup, recorded")
                .isEqualTo(resultA);
        Parameters why = clinician.client().operation().onInstance("Observation/" + resultB).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(why.getParameter()).filteredOn(p -> p.getName().equals("patientLink")).singleElement()
                .satisfies(link -> {
                    assertThat(RecognitionReads.part(link, "decision")).isEqualTo("unlinked");
                    assertThat(RecognitionReads.part(link, "alliance")).isEqualTo(alliance);
                    assertThat(RecognitionReads.part(link, "identifier"))
                            .isEqualTo(LabData.NATIONAL_ID + "|" + nationalId);
                    assertThat(RecognitionReads.part(link, "reason")).isEqualTo("身份证号录入错误：另一患者");
                    assertThat(RecognitionReads.part(link, "at")).isNotNull();
                    assertThat(RecognitionReads.part(link, "event")).isNotBlank();
                });

        // for good: lab B's later result on the same record is not found by the national ID either
        Bundle later = lisB.transaction(LabData.transaction(record(nationalId, "MRN-B-" + suffix),
                taken(potassium(unique("R"), null, "4.6"), enrolled.plusMillis(300))));
        clinician.awaitPosition(lisB.lastPosition());
        assertThat(byIdentifier(clinician, nationalId)).containsExactly(resultA);
        assertThat(reusableResult(clinician, alliance, nationalId, false)).isEqualTo(resultA);

        // a new decision: the QC manager finds it was the same person after all
        ApiClient.Answer noReason = qc.post("/api/alliances/" + alliance + "/patient-links/link", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", patientB, "reason", " "));
        assertThat(noReason.status()).isIn(400, 422);
        assertThat(noReason.text("field")).isEqualTo("reason");
        ApiClient.Answer nobody = qc.post("/api/alliances/" + alliance + "/patient-links/link", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", "no-such-record", "reason", "核对无误"));
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.text("field")).isEqualTo("patientId");
        assertThat(eventStore.eventsOf(person)).as("refusals store nothing").isEqualTo(before + 1);
        ApiClient.Answer linked = qc.post("/api/alliances/" + alliance + "/patient-links/link", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", patientB, "reason", "核对身份证原件：同一人"));
        assertThat(linked.status()).isEqualTo(200);
        assertThat(eventStore.eventsOf(person)).isEqualTo(before + 2);
        clinician.awaitPosition(qc.lastPosition());
        String laterB = LabData.idOf(later, 1);
        assertThat(byIdentifier(clinician, nationalId)).containsExactlyInAnyOrder(resultA, resultB, laterB);
        assertThat(byIdentifier(clinician, "MRN-A-" + suffix)).containsExactlyInAnyOrder(resultA, resultB, laterB);
        assertThat(reusableResult(clinician, alliance, nationalId, false)).isEqualTo(laterB);
        Parameters again = clinician.client().operation().onInstance("Observation/" + resultB).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(again.getParameter()).filteredOn(p -> p.getName().equals("patientLink"))
                .extracting(p -> RecognitionReads.part(p, "decision") + ": " + RecognitionReads.part(p, "reason"))
                .containsExactly("unlinked: 身份证号录入错误：另一患者", "linked: 核对身份证原件：同一人");
        assertThat(qc.post("/api/alliances/" + alliance + "/patient-links/link", Map.of("system",
                LabData.NATIONAL_ID, "value", nationalId, "patientId", patientB, "reason", "核对身份证原件：同一人"))
                .status()).as("the same decision again changes nothing").isEqualTo(200);
        assertThat(eventStore.eventsOf(person)).isEqualTo(before + 2);
    }

    static Observation taken(Observation observation, java.time.Instant effective) {
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(effective),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC")));
        return observation;
    }

    static String reusableResult(FhirTestClient clinician, String alliance, String nationalId, boolean record) {
        var operation = clinician.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType(alliance))
                .andParameter("patient.identifier", new StringType(LabData.NATIONAL_ID + "|" + nationalId))
                .andParameter("code", new StringType("http://loinc.org|2823-3"));
        Parameters answer = record ? operation.andParameter("clinician", new StringType("王医生")).execute()
                : operation.useHttpGet().execute();
        return answer.getParameterBool("reusable")
                ? ((Reference) answer.getParameter("result").getValue()).getReferenceElement().getIdPart() : null;
    }

    static List<String> patients(FhirTestClient client, String nationalId) {
        return client.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.NATIONAL_ID, nationalId))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    static Patient record(String nationalId, String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(LabData.NATIONAL_ID).setValue(nationalId);
        patient.addIdentifier().setSystem(LabData.MRN).setValue(mrn);
        return patient;
    }

    static List<String> byIdentifier(FhirTestClient client, String value) {
        return client.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly().code(value)))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}

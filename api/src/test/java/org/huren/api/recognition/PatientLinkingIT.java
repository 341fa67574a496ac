package org.huren.api.recognition;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
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

        FhirTestClient clinician = new FhirTestClient("http://localhost:" + port + "/fhir", null);
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

package org.huren.api.labresult;

import ca.uhn.fhir.model.api.Include;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.labresult.StandardSearchIT.byMode;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * {@code _include} and {@code _revinclude} show nothing a read would not (issue 14): alliance X with labs A and B,
 * alliance Y with lab C, one person with a record and a result at each; at A also a flight inspection's blind result
 * (盲样) on that person's record, through a blind specimen.
 */
@HurenIntegrationTest
class IncludeAccessIT {

    static final String ACCESSION = "https://lis.example.org/accession";

    @LocalServerPort
    int port;

    String labA;
    String labB;
    String labC;
    String nationalId;
    String patientA;
    String patientB;
    String patientC;
    String resultA;
    String blindResult;
    String blindSpecimen;
    String resultB;
    String resultC;
    long position;

    @BeforeEach
    void onePersonInTwoAlliancesWithABlindResultAtA() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String x = "icx-" + suffix;
        String y = "icy-" + suffix;
        labA = "ICA-" + suffix;
        labB = "ICB-" + suffix;
        labC = "ICC-" + suffix;
        ApiClient network = new ApiClient(port);
        new AllianceSteps(network).form(x, "甲医联体", "CITY_GROUP", "TIGHT").enrol(x, labA, "CORE")
                .enrol(x, labB, "COMMUNITY").seedCatalog(x).form(y, "乙医联体", "CITY_GROUP", "TIGHT")
                .enrol(y, labC, "CORE");
        String accession = unique("BLIND");
        ApiClient.Answer inspection = network.post("/api/eqa/flight-inspections", Map.of("requestId", "ic-1",
                "allianceId", x, "labCode", labA, "title", "飞行检查",
                "pseudoPatient", Map.of("system", LabData.MRN, "value", unique("FI")),
                "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("accession", Map.of("system", ACCESSION, "value", accession),
                        "itemCode", "K", "assigned", "4.00")),
                "deadline", Instant.now().plusSeconds(86_400).toString(), "ruleSet", "WS/T 403-2024 TEa",
                "openedBy", "质控科"));
        assertThat(inspection.status()).as(inspection.body().toString()).isEqualTo(201);
        network.get("/api/alliances/" + x + "/members");
        nationalId = unique("1190");

        Bundle atA = LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null, "4.1"),
                potassium(unique("R"), null, "4.8"));
        Specimen blind = new Specimen();
        blind.getAccessionIdentifier().setSystem(ACCESSION).setValue(accession);
        String blindUrl = "urn:uuid:" + UUID.randomUUID();
        blind.getSubject().setReference(atA.getEntryFirstRep().getFullUrl());
        atA.addEntry().setFullUrl(blindUrl).setResource(blind).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Specimen").setIfNoneExist("identifier=" + ACCESSION + "|" + accession);
        ((Observation) atA.getEntry().get(2).getResource()).getSpecimen().setReference(blindUrl);
        Bundle writtenA = write(labA, atA);
        patientA = LabData.idOf(writtenA, 0);
        resultA = LabData.idOf(writtenA, 1);
        blindResult = LabData.idOf(writtenA, 2);
        blindSpecimen = LabData.idOf(writtenA, 3);
        Bundle writtenB = write(labB, LabData.transaction(LabData.patient(nationalId),
                potassium(unique("R"), null, "4.2")));
        patientB = LabData.idOf(writtenB, 0);
        resultB = LabData.idOf(writtenB, 1);
        Bundle writtenC = write(labC, LabData.transaction(LabData.patient(nationalId),
                potassium(unique("R"), null, "4.3")));
        patientC = LabData.idOf(writtenC, 0);
        resultC = LabData.idOf(writtenC, 1);
    }

    @Test
    void aClinicianGetsNoBlindResultAndNoOtherAllianceRecordThroughAnInclude() {
        FhirTestClient clinicianB = client(Tokens.clinician(labB));
        Bundle patients = patientsWithResults(clinicianB);
        assertThat(byMode(patients, SearchEntryMode.MATCH)).containsExactlyInAnyOrder("Patient/" + patientA,
                "Patient/" + patientB);
        assertThat(byMode(patients, SearchEntryMode.INCLUDE)).as("A's ordinary result, never its blind one")
                .containsExactlyInAnyOrder("Observation/" + resultA, "Observation/" + resultB);

        Bundle results = clinicianB.client().search().forResource(Observation.class).where(byPerson())
                .include(new Include("Observation:patient")).include(new Include("Observation:specimen"))
                .revInclude(new Include("DiagnosticReport:result")).returnBundle(Bundle.class).execute();
        assertThat(byMode(results, SearchEntryMode.MATCH)).containsExactlyInAnyOrder("Observation/" + resultA,
                "Observation/" + resultB);
        assertThat(byMode(results, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder("Patient/" + patientA,
                "Patient/" + patientB);
    }

    @Test
    void theLabItselfSeesItsBlindResultAsAnOrdinaryOneAndNoOtherLabs() {
        FhirTestClient lisA = client(Tokens.lis(labA));
        Bundle patients = patientsWithResults(lisA);
        assertThat(byMode(patients, SearchEntryMode.MATCH)).containsExactly("Patient/" + patientA);
        assertThat(byMode(patients, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder("Observation/" + resultA,
                "Observation/" + blindResult);
        Bundle blind = lisA.client().search().forResource(Observation.class)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("_id").exactly().code(blindResult))
                .include(new Include("Observation:specimen")).returnBundle(Bundle.class).execute();
        assertThat(byMode(blind, SearchEntryMode.INCLUDE)).containsExactly("Specimen/" + blindSpecimen);
    }

    @Test
    void aNetworkQcManagerSeesEveryLabsRecordsButNoBlindResult() {
        Bundle patients = patientsWithResults(client(Tokens.qcNetwork()));
        assertThat(byMode(patients, SearchEntryMode.MATCH)).containsExactlyInAnyOrder("Patient/" + patientA,
                "Patient/" + patientB, "Patient/" + patientC);
        assertThat(byMode(patients, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder("Observation/" + resultA,
                "Observation/" + resultB, "Observation/" + resultC);
    }

    private Bundle patientsWithResults(FhirTestClient client) {
        return client.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.NATIONAL_ID, nationalId))
                .revInclude(new Include("Observation:patient")).returnBundle(Bundle.class).execute();
    }

    private ca.uhn.fhir.rest.gclient.ICriterion<?> byPerson() {
        return Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                .systemAndIdentifier(LabData.NATIONAL_ID, nationalId));
    }

    private Bundle write(String lab, Bundle bundle) {
        FhirTestClient lis = new FhirTestClient(fhir(), lab);
        Bundle written = lis.transaction(bundle);
        position = Math.max(position, lis.lastPosition());
        return written;
    }

    private FhirTestClient client(Tokens.Identity identity) {
        FhirTestClient client = new FhirTestClient(fhir(), identity);
        client.awaitPosition(position);
        return client;
    }

    private String fhir() {
        return "http://localhost:" + port + "/fhir";
    }
}

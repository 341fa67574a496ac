package org.huren.api.security;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Who sees and does what (issue 13), each rule shown both ways with real tokens: alliance X with labs A and B,
 * alliance Y with lab C; a patient with results at A, B and C.
 */
@HurenIntegrationTest
class AccessIT {

    @LocalServerPort
    int port;

    String x;
    String y;
    String labA;
    String labB;
    String labC;
    String nationalId;
    String resultA;
    String resultB;
    String resultC;
    long position;

    @BeforeEach
    void twoAlliances() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        x = "acx-" + suffix;
        y = "acy-" + suffix;
        labA = "ACA-" + suffix;
        labB = "ACB-" + suffix;
        labC = "ACC-" + suffix;
        ApiClient network = new ApiClient(port);
        new AllianceSteps(network).form(x, "甲医联体", "CITY_GROUP", "TIGHT").enrol(x, labA, "CORE")
                .enrol(x, labB, "COMMUNITY").form(y, "乙医联体", "CITY_GROUP", "TIGHT").enrol(y, labC, "CORE");
        for (String alliance : List.of(x, y)) {
            assertThat(network.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                    LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        }
        network.get("/api/alliances/" + x + "/members");
        nationalId = unique("1170");
        resultA = post(labA);
        resultB = post(labB);
        resultC = post(labC);
    }

    private String post(String lab) {
        FhirTestClient lis = new FhirTestClient(fhir(), lab);
        Bundle answer = lis.transaction(LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null,
                "4.1")));
        position = Math.max(position, lis.lastPosition());
        return LabData.idOf(answer, 1);
    }

    @Test
    void aLabsLisSeesItsOwnLabsRecordsOnly() {
        FhirTestClient lisA = client(Tokens.lis(labA));
        assertThat(byPatient(lisA)).containsExactly(resultA);
        assertThat(lisA.client().read().resource(Observation.class).withId(resultA).execute()).isNotNull();
        assertThatThrownBy(() -> lisA.client().read().resource(Observation.class).withId(resultB).execute())
                .as("another lab's result is not found").isInstanceOf(ResourceNotFoundException.class);
        Bundle patients = lisA.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.NATIONAL_ID, nationalId))
                .returnBundle(Bundle.class).execute();
        assertThat(patients.getEntry()).as("its own record of the person only").hasSize(1);
    }

    @Test
    void aClinicianSearchesByPatientWithinTheAlliancesOfTheirLab() {
        FhirTestClient clinicianA = client(Tokens.clinician(labA));
        assertThat(byPatient(clinicianA)).as("A and B share alliance X; C is in Y only")
                .containsExactlyInAnyOrder(resultA, resultB);
        assertThatThrownBy(() -> clinicianA.client().search().forResource(Observation.class)
                .where(Observation.CODE.exactly().systemAndCode("http://loinc.org", "2823-3"))
                .returnBundle(Bundle.class).execute())
                .as("no listing without a patient").isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> {
                    assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("by patient");
                });
        assertThatThrownBy(() -> clinicianA.client().read().resource(Observation.class).withId(resultC).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> clinicianA.transaction(LabData.transaction(LabData.patient(unique("1171")),
                potassium(unique("R"), null, "4.0")))).as("a clinician writes no lab record")
                .isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(403));
        assertThatThrownBy(() -> clinicianA.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(org.hl7.fhir.r4.model.Parameters.class, "alliance",
                        new org.hl7.fhir.r4.model.StringType(y))
                .andParameter("patient.identifier", new org.hl7.fhir.r4.model.StringType(LabData.NATIONAL_ID + "|"
                        + nationalId))
                .andParameter("code", new org.hl7.fhir.r4.model.StringType("http://loinc.org|2823-3"))
                .useHttpGet().execute()).as("another alliance's lookup")
                .isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(403));
    }

    @Test
    void aQcManagerActsInTheirAllianceOnly() {
        ApiClient qcX = new ApiClient(port, Tokens.Identity.user("test-qc-" + x, List.of("QC_MANAGER"), null,
                List.of(x)));
        qcX.awaitPosition(position);
        assertThat(qcX.get("/api/alliances/" + x + "/members").status()).isEqualTo(200);
        assertThat(qcX.get("/api/alliances").body().findValuesAsText("allianceId"))
                .as("only the alliances it acts in are listed").containsExactly(x);
        assertThat(new ApiClient(port, Tokens.clinician(labC)).get("/api/alliances").body()
                .findValuesAsText("allianceId")).as("a member lab's alliances").containsExactly(y);
        ApiClient.Answer otherMembers = qcX.get("/api/alliances/" + y + "/members");
        assertThat(otherMembers.status()).isEqualTo(403);
        assertThat(otherMembers.text("detail")).contains(y);
        assertThat(qcX.post("/api/alliances/" + y + "/catalog/default", null).status()).isEqualTo(403);
        assertThat(qcX.post("/api/alliances/" + x + "/catalog/default", null).status()).isIn(200, 201);
        ApiClient.Answer round = qcX.post("/api/eqa/rounds", Map.of("requestId", "r1", "allianceId", y,
                "provider", "ALLIANCE_CORE_LAB", "title", "t", "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00")),
                "participants", List.of(labC), "deadline", Instant.now().plusSeconds(86_400).toString(),
                "ruleSet", "WS/T 403-2024 TEa", "openedBy", "x"));
        assertThat(round.status()).as("a round in another alliance").isEqualTo(403);
        assertThat(qcX.get("/api/eqa/rounds?alliance=" + y).status()).isEqualTo(403);
        assertThat(qcX.get("/api/eqa/rounds?alliance=" + x).status()).isEqualTo(200);
        assertThat(qcX.get("/api/audits/findings?alliance=" + y).status()).isEqualTo(403);
        assertThat(qcX.post("/api/alliances", Map.of("allianceId", unique("new"), "name", "n", "kind",
                "CITY_GROUP", "integration", "TIGHT", "coreInstitution", "c")).status())
                .as("forming alliances is for administrators and network QC").isEqualTo(403);

        FhirTestClient qcFhir = client(Tokens.Identity.user("test-qc-" + x, List.of("QC_MANAGER"), null,
                List.of(x)));
        assertThat(byPatient(qcFhir)).as("the results of the alliance's labs").containsExactlyInAnyOrder(resultA,
                resultB);
    }

    @Test
    void aResultsRecognitionHistoryIsForThoseWhoSeeTheResult() {
        ApiClient clinicianA = new ApiClient(port, Tokens.clinician(labA));
        clinicianA.awaitPosition(position);
        assertThat(clinicianA.get("/api/results/" + resultB + "/recognition-history").status()).isEqualTo(200);
        ApiClient.Answer other = clinicianA.get("/api/results/" + resultC + "/recognition-history");
        assertThat(other.status()).as("a result of another alliance's lab: not found, as on FHIR").isEqualTo(404);
    }

    @Test
    void labStaffReadTheirOwnLabAndOperatorsNoPatientData() {
        ApiClient staffA = new ApiClient(port, labA);
        staffA.awaitPosition(position);
        assertThat(staffA.get("/api/iqc/" + labA + "/K/runs").status()).isNotEqualTo(403);
        assertThat(staffA.get("/api/iqc/" + labB + "/K/runs").status()).isEqualTo(403);
        assertThat(staffA.get("/api/eqa/flight-inspections").status()).as("never the flight inspections")
                .isEqualTo(403);
        FhirTestClient operator = client(Tokens.operator());
        assertThatThrownBy(() -> byPatient(operator)).isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(403));
    }

    private List<String> byPatient(FhirTestClient client) {
        return client.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.NATIONAL_ID, nationalId)))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
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

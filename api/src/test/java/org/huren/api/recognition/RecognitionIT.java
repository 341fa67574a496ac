package org.huren.api.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Recognition over HTTP: results of accredited member labs are recognized in their alliance; withdrawing an
 * accreditation with an effective time in the past withdraws recognition from that lab's later results only,
 * and {@code $recognition?asOf=} before the withdrawal was recorded still answers "recognized".
 */
@HurenIntegrationTest
class RecognitionIT {

    @LocalServerPort
    int port;

    @Test
    void aLateWithdrawalFlipsOnlyTheResultsAfterItsEffectiveTime() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "rec-" + suffix;
        String labA = "RECA-" + suffix;
        String labB = "RECB-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "互认测试医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "SECONDARY").enrol(alliance, labB, "SECONDARY").seedCatalog(alliance)
                .letNotYetKnownPass(alliance);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        for (String lab : List.of(labA, labB)) {
            steps.accredit(alliance, lab, today, List.of("K", "GLU"));
        }
        JsonNode members = qc.get("/api/alliances/" + alliance + "/members").body();
        Instant enrolled = Instant.parse(members.get(1).path("since").asText());

        FhirTestClient lisA = new FhirTestClient("http://localhost:" + port + "/fhir", labA);
        FhirTestClient lisB = new FhirTestClient("http://localhost:" + port + "/fhir", labB);
        String nationalId = unique("1109");
        String early = post(lisA, nationalId, enrolled.plusMillis(100));
        String late = post(lisA, nationalId, enrolled.plusMillis(300));
        String otherLab = post(lisB, nationalId, enrolled.plusMillis(300));
        assertThat(recognition(lisA, early)).isEqualTo("recognized");
        assertThat(recognition(lisA, late)).isEqualTo("recognized");
        assertThat(recognition(lisB, otherLab)).isEqualTo("recognized");

        Instant withdrawalEffective = enrolled.plusMillis(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(withdrawalEffective));
        Instant beforeWithdrawalRecorded = Instant.now();
        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + labA + "/accreditations/K/withdrawal",
                Map.of("reason", "IQC falsified; discovered late", "effectiveAt", withdrawalEffective.toString()))
                .status()).isEqualTo(200);
        qc.get("/api/alliances/" + alliance + "/overview");
        lisA.awaitPosition(qc.lastPosition());
        lisB.awaitPosition(qc.lastPosition());

        assertThat(recognition(lisA, early)).as("before the withdrawal took effect").isEqualTo("recognized");
        assertThat(recognition(lisA, late)).as("after the withdrawal took effect").isEqualTo("withdrawn");
        assertThat(recognition(lisB, otherLab)).as("another lab").isEqualTo("recognized");

        // a QC manager of the alliance sees both labs' results (each LIS sees its own lab's only)
        FhirTestClient network = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        network.awaitPosition(Math.max(qc.lastPosition(), Math.max(lisA.lastPosition(), lisB.lastPosition())));
        List<String> withdrawn = tagged(network, nationalId, "withdrawn");
        List<String> recognized = tagged(network, nationalId, "recognized");
        assertThat(withdrawn).containsExactly(late);
        assertThat(recognized).containsExactlyInAnyOrder(early, otherLab);

        FhirTestClient clinician = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        clinician.awaitPosition(qc.lastPosition());
        Parameters reusable = clinician.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new org.hl7.fhir.r4.model.StringType(alliance))
                .andParameter("patient.identifier", new org.hl7.fhir.r4.model.StringType(LabData.NATIONAL_ID + "|"
                        + nationalId))
                .andParameter("code", new org.hl7.fhir.r4.model.StringType("http://loinc.org|2823-3"))
                .useHttpGet().execute();
        assertThat(reusable.getParameterBool("reusable")).isTrue();
        assertThat(((org.hl7.fhir.r4.model.Reference) reusable.getParameter("result").getValue()).getReference())
                .as("the other lab's result: this lab's newest one was withdrawn")
                .isEqualTo("Observation/" + otherLab);
        assertThat(((org.hl7.fhir.r4.model.Reference) reusable.getParameter("performer").getValue()).getReference())
                .isEqualTo("Organization/" + labB);

        assertThat(qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("requestId", "q-1",
                "clinician", "张医生", "department", "心内科", "itemCode", "K", "resultId", otherLab,
                "choice", "REUSED")).status()).isEqualTo(201);
        assertThat(qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("requestId", "q-1",
                "clinician", "张医生", "itemCode", "K", "resultId", otherLab, "choice", "REUSED")).status())
                .as("a retried outcome records nothing new").isEqualTo(200);
        assertThat(qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("requestId", "q-2",
                "clinician", "李医生", "itemCode", "K", "choice", "RETESTED", "reason", "MAJOR_INTERVENTION",
                "patientInformed", true)).status()).isEqualTo(201);
        ApiClient.Answer vague = qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("requestId",
                "q-3", "clinician", "李医生", "itemCode", "K", "choice", "RETESTED", "reason", "OTHER",
                "patientInformed", true));
        assertThat(vague.status()).isEqualTo(422);
        assertThat(vague.text("field")).isEqualTo("reasonText");
        JsonNode summary = qc.get("/api/alliances/" + alliance + "/reuse-summary").body();
        assertThat(summary.path("reused").asLong()).isEqualTo(1);
        assertThat(summary.path("retested").asLong()).isEqualTo(1);
        assertThat(summary.path("retestsByReason").path("MAJOR_INTERVENTION").asLong()).isEqualTo(1);
        JsonNode byItem = qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=ITEM").body();
        assertThat(byItem).hasSize(1);
        assertThat(byItem.get(0).path("group").asText()).isEqualTo("K");
        assertThat(byItem.get(0).path("reminders").asLong()).isEqualTo(2);
        assertThat(byItem.get(0).path("reuseRatePercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=DEPARTMENT").body()).hasSize(2);

        Parameters noGlucose = clinician.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new org.hl7.fhir.r4.model.StringType(alliance))
                .andParameter("patient.identifier", new org.hl7.fhir.r4.model.StringType(nationalId))
                .andParameter("code", new org.hl7.fhir.r4.model.StringType("14749-6"))
                .useHttpGet().execute();
        assertThat(noGlucose.getParameterBool("reusable")).isFalse();
        assertThat(noGlucose.getParameter("reason").getValue().primitiveValue()).contains("no result");

        Parameters now = lisA.client().operation().onInstance("Observation/" + late).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = decisionIn(now, alliance);
        assertThat(part(decision, "status")).isEqualTo("withdrawn");
        assertThat(part(decision, "cause")).startsWith("AccreditationWithdrawn");
        assertThat(decision.getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("LAB_ACCREDITED");
                    assertThat(part(c, "verdict")).isEqualTo("FAIL");
                });

        JsonNode trail = qc.get("/api/results/" + late + "/recognition-history").body();
        List<String> changes = new java.util.ArrayList<>();
        trail.forEach(change -> {
            if (alliance.equals(change.path("allianceId").asText())) {
                changes.add(change.path("status").asText() + " by " + change.path("causeType").asText());
            }
        });
        assertThat(changes).containsExactly("RECOGNIZED by LabResultReported",
                "NOT_RECOGNIZED by AccreditationWithdrawn");
        JsonNode withdrawal = trail.get(trail.size() - 1);
        assertThat(withdrawal.path("everRecognized").asBoolean()).as("a withdrawal was recognized before").isTrue();
        assertThat(withdrawal.path("itemCode").asText()).isEqualTo("K");
        assertThat(withdrawal.path("withdrawnAt").asText()).isEqualTo(withdrawal.path("since").asText());
        assertThat(trail.get(0).path("itemCode").asText()).isEqualTo("K");
        assertThat(trail.get(0).path("withdrawnAt").isNull()).isTrue();

        Parameters then = lisA.client().operation().onInstance("Observation/" + late).named("$recognition")
                .withParameter(Parameters.class, "asOf", new DateTimeType(Date.from(beforeWithdrawalRecorded),
                        ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC")))
                .useHttpGet().execute();
        assertThat(part(decisionIn(then, alliance), "status")).isEqualTo("recognized");
    }

    @Test
    void aResultOutsideTheCatalogIsNotRecognizedAndSaysWhy() {
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        Observation sodiumBicarbonate = potassium(unique("R"), null, "24");
        sodiumBicarbonate.getCode().getCodingFirstRep().setCode("1963-8").setDisplay("Bicarbonate");
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("1110")), sodiumBicarbonate));
        String id = LabData.idOf(response, 1);
        Parameters parameters = lis.client().operation().onInstance("Observation/" + id).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = decisionIn(parameters, "demo");
        assertThat(part(decision, "status")).isEqualTo("not-recognized");
        assertThat(decision.getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("ITEM_IN_CATALOG");
                    assertThat(part(c, "verdict")).isEqualTo("FAIL");
                });
    }

    // ------------------------------------------------------------------ steps

    static String post(FhirTestClient lis, String nationalId, Instant effective) {
        Observation result = potassium(unique("R"), null, "4.2");
        result.setEffective(new DateTimeType(Date.from(effective), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                java.util.TimeZone.getTimeZone("UTC")));
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(nationalId), result));
        return LabData.idOf(response, 1);
    }

    static String recognition(FhirTestClient lis, String id) {
        Observation read = lis.client().read().resource(Observation.class).withId(id).execute();
        return read.getMeta().getTag().stream()
                .filter(t -> "https://huren.org/fhir/CodeSystem/recognition".equals(t.getSystem()))
                .map(Coding::getCode).findFirst().orElse("none");
    }

    static List<String> tagged(FhirTestClient client, String nationalId, String status) {
        return client.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(org.hl7.fhir.r4.model.Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.NATIONAL_ID, nationalId)))
                .withTag("https://huren.org/fhir/CodeSystem/recognition", status)
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    static Parameters.ParametersParameterComponent decisionIn(Parameters parameters, String alliance) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("decision"))
                .filter(p -> alliance.equals(part(p, "alliance"))).findFirst().orElseThrow();
    }

    static String part(Parameters.ParametersParameterComponent parent, String name) {
        return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }
}

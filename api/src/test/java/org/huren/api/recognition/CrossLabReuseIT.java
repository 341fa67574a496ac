package org.huren.api.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.huren.api.alliance.RecognitionGauges;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.recognition.RecognitionIT.decisionIn;
import static org.huren.api.recognition.RecognitionIT.part;
import static org.huren.api.support.LabData.unique;

/**
 * Issue 4 end to end over HTTP: three member labs post results for one person, each under its own patient id
 * with one shared national ID; a clinician at a fourth member finds them all by the national ID, sees which are
 * recognized and why, asks at order time (the lookup is recorded), reuses one result and re-tests another item
 * with a reason; a late withdrawal of one lab's accreditation flips only that lab's later results; the KPIs
 * (调阅互认率, 同期互认率, savings, recognition rates) and their gauges count exactly what happened.
 */
@HurenIntegrationTest
class CrossLabReuseIT {

    static final String POTASSIUM = "2823-3";
    static final String GLUCOSE = "14749-6";
    static final String SODIUM = "2951-2";

    @LocalServerPort
    int port;

    @Autowired
    RecognitionGauges gauges;

    @Test
    void aClinicianAtAFourthMemberFindsReusesAndRetestsAcrossLabs() throws Exception {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "x-" + suffix;
        String labA = "XA-" + suffix;
        String labB = "XB-" + suffix;
        String labC = "XC-" + suffix;
        String clinic = "XD-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "跨院互认医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "SECONDARY").enrol(alliance, labC, "SECONDARY")
                .enrol(alliance, clinic, "COMMUNITY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        assertThat(qc.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        for (String lab : List.of(labA, labB, labC)) {
            steps.accredit(alliance, lab, today, List.of("K", "GLU"));
        }
        assertThat(qc.put("/api/alliances/" + alliance + "/catalog/items/K/price", Map.of("price", "6.50",
                "effectiveFrom", LocalDate.parse(today).minusDays(1).toString())).status()).isEqualTo(200);
        ApiClient.Answer badPrice = qc.put("/api/alliances/" + alliance + "/catalog/items/K/price",
                Map.of("price", "-1", "effectiveFrom", today));
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(badPrice.body().toString()).contains("price");
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(3)
                .path("since").asText());

        String nationalId = unique("4201");
        String base = "http://localhost:" + port + "/fhir";
        FhirTestClient lisA = new FhirTestClient(base, labA);
        FhirTestClient lisB = new FhirTestClient(base, labB);
        FhirTestClient lisC = new FhirTestClient(base, labC);
        String earlyA = post(lisA, nationalId, "A-0001", POTASSIUM, "4.1", enrolled.plusMillis(100));
        String lateA = post(lisA, nationalId, "A-0001", POTASSIUM, "4.3", enrolled.plusMillis(400));
        String potassiumB = post(lisB, nationalId, "B-7788", POTASSIUM, "4.0", enrolled.plusMillis(300));
        String glucoseC = post(lisC, nationalId, "C-0042", GLUCOSE, "5.4", enrolled.plusMillis(350));
        String potassiumC = post(lisC, nationalId, "C-0042", POTASSIUM, "4.2", enrolled.plusMillis(200));

        FhirTestClient clinician = new FhirTestClient(base, Tokens.clinician(clinic));
        for (FhirTestClient lis : List.of(lisA, lisB, lisC)) {
            clinician.awaitPosition(lis.lastPosition());
        }
        Map<String, String> seen = tags(clinician, nationalId);
        assertThat(seen).as("every member's results, found by the national ID alone")
                .containsOnlyKeys(earlyA, lateA, potassiumB, glucoseC, potassiumC)
                .allSatisfy((id, tag) -> assertThat(tag).isEqualTo("recognized"));
        Parameters why = clinician.client().operation().onInstance("Observation/" + potassiumB).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(decisionIn(why, alliance).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .extracting(c -> part(c, "code") + "=" + part(c, "verdict"))
                .as("EQA, IQC and audits are not known yet, and this alliance's policy lets that pass")
                .contains("MEMBER_ACTIVE=PASS", "LAB_ACCREDITED=PASS", "ITEM_IN_CATALOG=PASS", "UNIT_COMPATIBLE=PASS",
                        "RESULT_FINAL=PASS", "EQA_SATISFACTORY=NOT_YET_KNOWN");

        // the late withdrawal: lab A loses K from a moment between its two results
        Instant withdrawalEffective = enrolled.plusMillis(250);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(withdrawalEffective));
        Instant beforeWithdrawalRecorded = Instant.now();
        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + labA + "/accreditations/K/withdrawal",
                Map.of("reason", "reagent lot failed verification", "effectiveAt", withdrawalEffective.toString()))
                .status()).isEqualTo(200);
        clinician.awaitPosition(qc.lastPosition());
        seen = tags(clinician, nationalId);
        assertThat(seen).containsEntry(lateA, "withdrawn").containsEntry(earlyA, "recognized")
                .containsEntry(potassiumB, "recognized").containsEntry(potassiumC, "recognized")
                .containsEntry(glucoseC, "recognized");
        Parameters lateNow = clinician.client().operation().onInstance("Observation/" + lateA).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(part(decisionIn(lateNow, alliance), "cause")).startsWith("AccreditationWithdrawn");
        Parameters lateThen = clinician.client().operation().onInstance("Observation/" + lateA).named("$recognition")
                .withParameter(Parameters.class, "asOf", new DateTimeType(Date.from(beforeWithdrawalRecorded),
                        ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC")))
                .useHttpGet().execute();
        assertThat(part(decisionIn(lateThen, alliance), "status")).isEqualTo("recognized");

        // order time: the clinician's system asks, and the lookups are recorded
        Parameters question = reusable(clinician, alliance, nationalId, POTASSIUM, false);
        assertThat(question.getParameter("lookup")).as("a GET asks without recording").isNull();
        Parameters potassiumLookup = reusable(clinician, alliance, nationalId, POTASSIUM, true);
        assertThat(potassiumLookup.getParameterBool("reusable")).isTrue();
        assertThat(((Reference) potassiumLookup.getParameter("result").getValue()).getReference())
                .as("the newest recognized potassium: lab A's newest was withdrawn")
                .isEqualTo("Observation/" + potassiumB);
        Parameters glucoseLookup = reusable(clinician, alliance, nationalId, GLUCOSE, true);
        assertThat(((Reference) glucoseLookup.getParameter("result").getValue()).getReference())
                .isEqualTo("Observation/" + glucoseC);
        Parameters sodiumLookup = reusable(clinician, alliance, nationalId, SODIUM, true);
        assertThat(sodiumLookup.getParameterBool("reusable")).isFalse();
        assertThat(sodiumLookup.getParameter("item").getValue().primitiveValue()).isEqualTo("NA");

        String potassiumLookupId = potassiumLookup.getParameter("lookup").getValue().primitiveValue();
        ApiClient.Answer reused = qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId",
                potassiumLookupId, "clinician", "王医生", "choice", "REUSED"));
        assertThat(reused.status()).isEqualTo(201);
        assertThat(qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId", potassiumLookupId,
                "clinician", "王医生", "choice", "REUSED")).status()).as("a retry records nothing").isEqualTo(200);
        ApiClient.Answer changedMind = qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId",
                potassiumLookupId, "clinician", "王医生", "choice", "RETESTED", "reason", "EMERGENCY",
                "patientInformed", true));
        assertThat(changedMind.status()).as("an outcome is not edited").isEqualTo(409);
        String glucoseLookupId = glucoseLookup.getParameter("lookup").getValue().primitiveValue();
        ApiClient.Answer noReason = qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId",
                glucoseLookupId, "clinician", "王医生", "choice", "RETESTED", "patientInformed", true));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text("field")).isEqualTo("reason");
        assertThat(qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId", glucoseLookupId,
                "clinician", "王医生", "choice", "RETESTED", "reason", "CONDITION_CHANGED", "patientInformed", true))
                .status()).isEqualTo(201);
        ApiClient.Answer unknown = qc.post("/api/alliances/" + alliance + "/reuse-outcomes", Map.of("lookupId",
                UUID.randomUUID().toString(), "clinician", "王医生", "choice", "REUSED"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("field")).isEqualTo("lookupId");

        // the KPIs count exactly that
        qc.as(Tokens.operator()).get("/api/projections/status");
        JsonNode kpi = qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=ALLIANCE").body().get(0);
        assertThat(kpi.path("lookups").asLong()).isEqualTo(3);
        assertThat(kpi.path("recognitions").asLong()).isEqualTo(2);
        assertThat(kpi.path("lookupRecognitionRatePercent").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(kpi.path("reminders").asLong()).isEqualTo(2);
        assertThat(kpi.path("reused").asLong()).isEqualTo(1);
        assertThat(kpi.path("retested").asLong()).isEqualTo(1);
        assertThat(kpi.path("reuseRatePercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(kpi.path("estimatedSavings").decimalValue()).isEqualByComparingTo("6.50");
        assertThat(kpi.path("currency").asText()).isEqualTo("CNY");
        JsonNode byLab = qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=LAB").body();
        assertThat(byLab).hasSize(1);
        assertThat(byLab.get(0).path("group").asText()).as("the ordering member").isEqualTo(clinic);
        Map<String, JsonNode> byItem = groups(qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=ITEM").body());
        assertThat(byItem).containsOnlyKeys("K", "GLU", "NA");
        assertThat(byItem.get("GLU").path("retested").asLong()).isEqualTo(1);
        assertThat(byItem.get("NA").path("recognitions").asLong()).isZero();
        JsonNode summary = qc.get("/api/alliances/" + alliance + "/reuse-summary").body();
        assertThat(summary.path("retestsByReason").path("CONDITION_CHANGED").asLong()).isEqualTo(1);

        Map<String, JsonNode> rates = groups(qc.get("/api/alliances/" + alliance + "/recognition-rates?by=LAB")
                .body());
        assertThat(rates).containsOnlyKeys(labA, labB, labC);
        assertThat(rates.get(labA).path("results").asLong()).isEqualTo(2);
        assertThat(rates.get(labA).path("withdrawn").asLong()).isEqualTo(1);
        assertThat(rates.get(labA).path("ratePercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(rates.get(labC).path("ratePercent").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode total = qc.get("/api/alliances/" + alliance + "/recognition-rates?by=ALLIANCE").body().get(0);
        assertThat(total.path("results").asLong()).isEqualTo(5);
        assertThat(total.path("recognized").asLong()).isEqualTo(4);
        assertThat(total.path("ratePercent").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(groups(qc.get("/api/alliances/" + alliance + "/recognition-rates?by=ITEM").body()))
                .containsOnlyKeys("K", "GLU");

        gauges.update();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + Tokens.of(port, Tokens.operator())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(gauge(metrics, "huren_recognition_rate_percent{alliance=\"" + alliance + "\"}")).isEqualTo(80.0);
        assertThat(gauge(metrics, "huren_recognition_lab_rate_percent{alliance=\"" + alliance + "\",lab=\"" + labA
                + "\"}")).isEqualTo(50.0);
        assertThat(gauge(metrics, "huren_recognition_results{alliance=\"" + alliance + "\",status=\"withdrawn\"}"))
                .isEqualTo(1.0);
        assertThat(gauge(metrics, "huren_reuse_rate_percent{alliance=\"" + alliance + "\",kind=\"reminder\"}"))
                .isEqualTo(50.0);
        assertThat(gauge(metrics, "huren_reuse_events{alliance=\"" + alliance + "\",kind=\"lookup\"}"))
                .isEqualTo(3.0);
        assertThat(gauge(metrics, "huren_reuse_savings{alliance=\"" + alliance + "\",currency=\"CNY\"}"))
                .isEqualTo(6.5);
    }

    // ------------------------------------------------------------------ steps

    /** A result of the person, posted by {@code lis} under that lab's own patient id (MRN). */
    static String post(FhirTestClient lis, String nationalId, String mrn, String loinc, String value,
                       Instant effective) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(LabData.NATIONAL_ID).setValue(nationalId);
        patient.addIdentifier().setSystem(LabData.MRN).setValue(mrn + "-" + nationalId);
        patient.addName().setFamily("王").addGiven("芳");
        Observation result = LabData.potassium(unique("R"), null, value);
        if (GLUCOSE.equals(loinc)) {
            result.getCode().getCodingFirstRep().setCode(GLUCOSE).setDisplay("Glucose");
        }
        result.setEffective(new DateTimeType(Date.from(effective), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        Bundle response = lis.transaction(LabData.transaction(patient, result));
        return LabData.idOf(response, 1);
    }

    static Map<String, String> tags(FhirTestClient client, String nationalId) {
        Bundle found = client.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.NATIONAL_ID, nationalId)))
                .returnBundle(Bundle.class).execute();
        Map<String, String> tags = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : found.getEntry()) {
            tags.put(entry.getResource().getIdElement().getIdPart(), entry.getResource().getMeta().getTag().stream()
                    .filter(t -> "https://huren.org/fhir/CodeSystem/recognition".equals(t.getSystem()))
                    .map(Coding::getCode).findFirst().orElse("none"));
        }
        return tags;
    }

    static Parameters reusable(FhirTestClient clinician, String alliance, String nationalId, String loinc,
                               boolean record) {
        var operation = clinician.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType(alliance))
                .andParameter("patient.identifier", new StringType(LabData.NATIONAL_ID + "|" + nationalId))
                .andParameter("code", new StringType("http://loinc.org|" + loinc));
        if (!record) {
            return operation.useHttpGet().execute();
        }
        return operation.andParameter("clinician", new StringType("王医生"))
                .andParameter("department", new StringType("全科")).execute();
    }

    static Map<String, JsonNode> groups(JsonNode rows) {
        Map<String, JsonNode> byGroup = new HashMap<>();
        rows.forEach(row -> byGroup.put(row.path("group").asText(), row));
        return byGroup;
    }

    static double gauge(String metrics, String series) {
        List<String> lines = metrics.lines().filter(l -> l.startsWith(series + " ")).collect(Collectors.toList());
        assertThat(lines).as(series).hasSize(1);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }
}

package org.huren.api.iqc;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.RecognitionReads.part;
import static org.huren.api.support.LabData.unique;

/**
 * Issue 6 end to end: 30 days of two-level potassium control runs, then — once the lab is a member — runs and
 * patient results bracketed by them; a shift trips 2-2s across the levels of one run, which withdraws recognition
 * from the results since the last accepted run (and refuses it to the results while it brackets them), citing the
 * run; results after the next accepted run are recognized again. The Levey-Jennings series, monthly statistics and
 * sigma are served over HTTP.
 */
@HurenIntegrationTest
class IqcIT {

    @LocalServerPort
    int port;

    @Test
    void aShiftThatTripsTwoTwoSWithdrawsTheResultsSinceTheLastAcceptedRun() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqc-" + suffix;
        String lab = "IQ-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0)
                .path("since").asText());
        String iqc = "/api/iqc/" + lab + "/K";
        assertThat(qc.put(iqc + "/levels/L1/lots/K-L1-2611", Map.of("material", "Lyphochek Assayed Chemistry L1",
                "expiry", "2027-06-30", "mean", "4.00", "sd", "0.10")).status()).isEqualTo(200);
        assertThat(qc.put(iqc + "/levels/L2/lots/K-L2-2611", Map.of("material", "Lyphochek Assayed Chemistry L2",
                "expiry", "2027-06-30", "mean", "6.00", "sd", "0.20")).status()).isEqualTo(200);
        ApiClient.Answer relimit = qc.put(iqc + "/levels/L1/lots/K-L1-2611", Map.of("mean", "4.10", "sd", "0.10"));
        assertThat(relimit.status()).as("a lot's limits are locked").isEqualTo(409);

        // 30 days of in-control runs before the lab joined (values alternate around the mean: no 10-x, no 4-1s)
        for (int day = 30; day >= 1; day--) {
            boolean up = day % 2 == 0;
            assertThat(run(qc, iqc, "D-" + day, enrolled.minus(Duration.ofDays(day)), up ? "4.05" : "3.95",
                    up ? "5.90" : "6.10").status()).isEqualTo(200);
        }
        // then, as a member: runs and patient results in their order (ms apart, all within the 24 h bracket)
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        Instant t = enrolled;
        run(qc, iqc, "A", t.plusMillis(100), "4.05", "5.90");
        String first = result(lis, t.plusMillis(200));
        run(qc, iqc, "B", t.plusMillis(300), "3.95", "6.10");
        String second = result(lis, t.plusMillis(400));
        // the shift: both levels beyond +2 SD in one run
        run(qc, iqc, "C", t.plusMillis(500), "4.25", "6.50");
        String third = result(lis, t.plusMillis(600));
        // the next run comes from the LIS as a FHIR control Observation
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(t.plusMillis(900)));
        lis.client().create().resource(controlRun("D", t.plusMillis(700), "4.05", "5.90")).execute();
        String fourth = result(lis, t.plusMillis(800));

        qc.awaitPosition(lis.lastPosition());
        JsonNode runs = qc.get(iqc + "/runs").body();
        assertThat(runs).hasSize(34);
        JsonNode shifted = runs.get(32);
        assertThat(shifted.path("runId").asText()).isEqualTo("C");
        assertThat(shifted.path("status").asText()).isEqualTo("REJECTED");
        assertThat(shifted.path("rules").toString()).contains("2-2s");
        assertThat(runs.get(33).path("status").asText()).as("run D, from FHIR").isEqualTo("ACCEPTED");

        FhirTestClient reader = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        reader.awaitPosition(Math.max(qc.lastPosition(), lis.lastPosition()));
        assertThat(RecognitionReads.tag(reader, first)).as("between two accepted runs").isEqualTo("recognized");
        assertThat(RecognitionReads.tag(reader, second)).as("since the last accepted run, before the rejected one")
                .isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, third)).as("bracketed by the rejected run").isEqualTo("not-recognized");
        assertThat(RecognitionReads.tag(reader, fourth)).as("after the next accepted run").isEqualTo("recognized");
        Parameters why = reader.client().operation().onInstance("Observation/" + second).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = why.getParameter().get(0);
        assertThat(part(decision, "cause")).startsWith("ControlRunEvaluated");
        assertThat(decision.getPart()).filteredOn(p -> p.getName().equals("criterion")).anySatisfy(c -> {
            assertThat(part(c, "code")).isEqualTo("IQC_IN_CONTROL");
            assertThat(part(c, "verdict")).isEqualTo("FAIL");
            assertThat(c.getPart()).filteredOn(p -> p.getName().equals("evidence"))
                    .anySatisfy(e -> assertThat(e.getValue().primitiveValue()).startsWith("iqc-run C:"));
        });

        // Levey-Jennings: value, z and the rules that fired per point
        JsonNode lj = qc.get(iqc + "/levey-jennings?level=L1").body();
        assertThat(lj.path("mean").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(lj.path("points")).hasSize(34);
        JsonNode pointC = lj.path("points").get(32);
        assertThat(pointC.path("z").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(pointC.path("rules").toString()).contains("2-2s").contains("1-2s");
        assertThat(lj.path("points").get(0).path("rules")).isEmpty();
        JsonNode monthly = qc.get(iqc + "/monthly").body();
        assertThat(monthly).isNotEmpty();
        int total = 0;
        int judged = 0;
        for (JsonNode month : monthly) {
            if (month.path("level").asText().equals("L1")) {
                total += month.path("nAllRuns").asInt();
                judged += month.path("n").asInt();
            }
        }
        assertThat(total).isEqualTo(34);
        assertThat(judged).as("the rejected run C's value is left out of the CV").isEqualTo(33);
        assertThat(monthly).anySatisfy(m -> assertThat(m.path("rejectedRuns").asInt()).isEqualTo(1));
        JsonNode sigma = qc.get(iqc + "/sigma?alliance=" + alliance).body();
        assertThat(sigma.path("teaPercent").decimalValue()).isEqualByComparingTo("6");
        assertThat(sigma.path("levels")).hasSize(2);
        assertThat(sigma.path("sigma").isNull()).isFalse();
        assertThat(sigma.path("suggestedRules").asText()).isNotBlank();
        assertThat(sigma.path("biasSource").asText()).as("no EQA yet: bias from the control targets")
                .isEqualTo("IQC_TARGETS");

        // once the lab has a graded EQA round for the item, sigma takes its bias from EQA (+2 % here)
        ApiClient.Answer round = qc.post("/api/eqa/rounds", Map.of("requestId", "bias", "allianceId", alliance,
                "provider", "CITY_CENTRE", "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00"),
                        Map.of("sampleCode", "S2", "itemCode", "K", "assigned", "5.00")),
                "participants", List.of(lab), "deadline", Instant.now().plusSeconds(3600).toString(),
                "ruleSet", "WS/T 403-2024", "openedBy", "qc"));
        String roundId = round.text("roundId");
        qc.post("/api/eqa/rounds/" + roundId + "/results", Map.of("labCode", lab, "sampleCode", "S1", "itemCode", "K",
                "value", "4.08"));
        qc.post("/api/eqa/rounds/" + roundId + "/results", Map.of("labCode", lab, "sampleCode", "S2", "itemCode", "K",
                "value", "5.10"));
        qc.post("/api/eqa/rounds/" + roundId + "/closure", Map.of("closedBy", "qc"));
        JsonNode withEqa = qc.get(iqc + "/sigma?alliance=" + alliance).body();
        assertThat(withEqa.path("biasSource").asText()).isEqualTo("EQA");
        assertThat(withEqa.path("levels").get(0).path("biasPercent").decimalValue()).isEqualByComparingTo("2.00");
        // σ = (TEa 6 % − 2 %) ÷ CV %
        JsonNode level = withEqa.path("levels").get(0);
        assertThat(level.path("sigma").decimalValue()).isEqualByComparingTo(new BigDecimal("4.00")
                .divide(level.path("cvPercent").decimalValue(), 2, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void aWarningThenARejectionAcrossRunsWithdrawsTheResultsSinceTheLastAcceptedRun() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqw-" + suffix;
        String lab = "IW-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        Instant t = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0).path("since")
                .asText());
        String iqc = "/api/iqc/" + lab + "/K";
        qc.put(iqc + "/levels/L1/lots/A", Map.of("mean", "4.00", "sd", "0.10"));
        qc.put(iqc + "/levels/L2/lots/B", Map.of("mean", "6.00", "sd", "0.20"));
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        // the runs and results below happened in the past: they are recorded after their times
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(t.plusMillis(600)));
        run(qc, iqc, "A", t.plusMillis(100), "4.05", "5.90");
        String sinceAccepted = result(lis, t.plusMillis(200));
        // L1 beyond +2 SD: a warning only
        run(qc, iqc, "W", t.plusMillis(300), "4.25", "6.10");
        String afterWarning = result(lis, t.plusMillis(400));
        // L1 beyond +2 SD again: 2-2s across runs rejects R
        run(qc, iqc, "R", t.plusMillis(500), "4.23", "5.90");
        FhirTestClient reader = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        reader.awaitPosition(Math.max(qc.lastPosition(), lis.lastPosition()));
        JsonNode runs = qc.get(iqc + "/runs").body();
        assertThat(runs.get(1).path("status").asText()).isEqualTo("WARNING");
        assertThat(runs.get(2).path("status").asText()).isEqualTo("REJECTED");
        assertThat(runs.get(2).path("rules").toString()).contains("2-2s");
        assertThat(RecognitionReads.tag(reader, sinceAccepted)).as("after the accepted run A, before the rejection")
                .isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, afterWarning)).isEqualTo("withdrawn");
        Parameters why = reader.client().operation().onInstance("Observation/" + sinceAccepted).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(why.getParameter().get(0).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("IQC_IN_CONTROL");
                    assertThat(c.getPart()).filteredOn(p -> p.getName().equals("evidence"))
                            .anySatisfy(e -> assertThat(e.getValue().primitiveValue()).startsWith("iqc-run R:"));
                });
    }

    @Test
    void aMonthWhoseControlCvExceedsTheItemsMaximumFailsItsResults() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqcv-" + suffix;
        String lab = "IV-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0)
                .path("since").asText());
        String iqc = "/api/iqc/" + lab + "/K";
        // wide limits, so no Westgard rule fires, but a scatter of ±7.5 %: potassium allows a CV of 2.5 %
        qc.put(iqc + "/levels/L1/lots/WIDE", Map.of("mean", "4.00", "sd", "0.30"));
        for (int i = 10; i >= 1; i--) {
            assertThat(qc.post(iqc + "/runs", Map.of("runId", "S-" + i, "runAt",
                    enrolled.minus(Duration.ofSeconds(i)).toString(), "results", List.of(Map.of("level", "L1",
                            "value", i % 2 == 0 ? "4.30" : "3.70")))).status()).isEqualTo(200);
        }
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        qc.post(iqc + "/runs", Map.of("runId", "S-0", "runAt", enrolled.plusMillis(100).toString(), "results",
                List.of(Map.of("level", "L1", "value", "4.30"))));
        String result = result(lis, enrolled.plusMillis(200));
        FhirTestClient reader = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        reader.awaitPosition(Math.max(qc.lastPosition(), lis.lastPosition()));
        assertThat(qc.get(iqc + "/runs").body()).allSatisfy(r -> assertThat(r.path("status").asText())
                .isEqualTo("ACCEPTED"));
        assertThat(RecognitionReads.tag(reader, result)).isEqualTo("not-recognized");
        Parameters why = reader.client().operation().onInstance("Observation/" + result).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(why.getParameter().get(0).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("IQC_IN_CONTROL");
                    assertThat(part(c, "verdict")).isEqualTo("FAIL");
                    assertThat(part(c, "reason")).contains("CV").contains("above the item's maximum 2.5");
                });
    }

    // ------------------------------------------------------------------ steps

    static ApiClient.Answer run(ApiClient qc, String iqc, String runId, Instant at, String l1, String l2) {
        return qc.post(iqc + "/runs", Map.of("runId", runId, "runAt", at.toString(), "results",
                List.of(Map.of("level", "L1", "value", l1), Map.of("level", "L2", "value", l2))));
    }

    static String result(FhirTestClient lis, Instant effective) {
        Observation result = LabData.potassium(unique("R"), null, "4.2");
        result.setEffective(new DateTimeType(Date.from(effective), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("4210")), result));
        return LabData.idOf(response, 1);
    }

    static Observation controlRun(String runId, Instant at, String l1, String l2) {
        Observation run = new Observation();
        run.setStatus(Observation.ObservationStatus.FINAL);
        run.addCategory().addCoding().setSystem("https://huren.org/fhir/CodeSystem/observation-category")
                .setCode("qc-control");
        run.addIdentifier().setSystem("https://lis.example.org/qc-run").setValue(runId);
        run.getCode().addCoding().setSystem("http://loinc.org").setCode("2823-3");
        run.setEffective(new DateTimeType(Date.from(at), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        List<String[]> levels = new ArrayList<>(List.of(new String[]{"L1", l1}, new String[]{"L2", l2}));
        for (String[] level : levels) {
            run.addComponent().setValue(new Quantity().setValue(new BigDecimal(level[1])).setSystem(LabData.UCUM)
                    .setCode("mmol/L").setUnit("mmol/L")).getCode().addCoding()
                    .setSystem("https://huren.org/fhir/CodeSystem/qc-level").setCode(level[0]);
        }
        return run;
    }


}

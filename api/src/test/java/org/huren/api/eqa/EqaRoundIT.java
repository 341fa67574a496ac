package org.huren.api.eqa;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.RecognitionReads.part;
import static org.huren.api.support.LabData.unique;

/**
 * Issue 5 end to end: a round of 5 samples × 3 items for 3 labs, submitted through /api and FHIR; assigned values
 * stay hidden until it is graded; the deadline passes with one lab missing a result and grades the round by itself;
 * the lab failing an item loses recognition of that item's results, and $recognition cites the round.
 */
@HurenIntegrationTest
class EqaRoundIT {

    static final Map<String, String[]> ASSIGNED = new LinkedHashMap<>();

    static {
        ASSIGNED.put("K", new String[]{"3.50", "4.00", "4.50", "5.00", "5.50"});
        ASSIGNED.put("NA", new String[]{"130", "135", "140", "145", "150"});
        ASSIGNED.put("GLU", new String[]{"4.0", "5.5", "7.0", "8.5", "10.0"});
    }

    static final Map<String, String> LOINC = Map.of("K", "2823-3", "NA", "2951-2", "GLU", "14749-6");

    @LocalServerPort
    int port;

    @Test
    void aRoundIsGradedAtItsDeadlineAndAFailedItemLosesRecognition() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "eqa-" + suffix;
        String labA = "EA-" + suffix;
        String labB = "EB-" + suffix;
        String labC = "EC-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "质评医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "SECONDARY").enrol(alliance, labC, "SECONDARY")
                .seedCatalog(alliance).letNotYetKnownPass(alliance);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        for (String lab : List.of(labA, labB, labC)) {
            steps.accredit(alliance, lab, today, List.of("K", "NA", "GLU"));
        }
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(2)
                .path("since").asText());
        String base = "http://localhost:" + port + "/fhir";
        Map<String, FhirTestClient> lis = new HashMap<>();
        Map<String, String> potassium = new HashMap<>();
        for (String lab : List.of(labA, labB, labC)) {
            lis.put(lab, new FhirTestClient(base, lab));
            potassium.put(lab, post(lis.get(lab), "2823-3", "4.1", enrolled.plusMillis(100)));
        }
        String sodiumB = post(lis.get(labB), "2951-2", "140", enrolled.plusMillis(100));
        FhirTestClient reader = new FhirTestClient(base, Tokens.qcNetwork());
        lis.values().forEach(c -> reader.awaitPosition(c.lastPosition()));
        assertThat(RecognitionReads.tag(reader, potassium.get(labB), alliance)).isEqualTo("recognized");

        // the round: 5 samples for each of K, NA, GLU; limits from the catalog's allowable total error
        List<Map<String, Object>> samples = new ArrayList<>();
        ASSIGNED.forEach((item, values) -> {
            for (int i = 0; i < values.length; i++) {
                samples.add(Map.of("sampleCode", "S" + (i + 1), "itemCode", item, "assigned", values[i]));
            }
        });
        Instant deadline = Instant.now().plusSeconds(15);
        ApiClient.Answer opened = qc.post("/api/eqa/rounds", Map.of("requestId", "2026-1", "allianceId", alliance,
                "provider", "CITY_CENTRE", "title", "2026 第1次 常规化学", "items", List.of(Map.of("itemCode", "K"),
                        Map.of("itemCode", "NA"), Map.of("itemCode", "GLU")), "samples", samples,
                "participants", List.of(labA, labB, labC), "deadline", deadline.toString(),
                "ruleSet", "WS/T 403-2024 TEa; 80 %", "openedBy", "质控科 刘"));
        assertThat(opened.status()).isEqualTo(201);
        String round = opened.text("roundId");

        // lab A: every value exactly on target, through /api; one result sent twice replaces itself
        ASSIGNED.forEach((item, values) -> {
            for (int i = 0; i < values.length; i++) {
                assertThat(qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", labA, "sampleCode",
                        "S" + (i + 1), "itemCode", item, "value", values[i])).status()).isEqualTo(201);
            }
        });
        ApiClient.Answer replaced = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", labA,
                "sampleCode", "S1", "itemCode", "K", "value", "3.55"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.text("outcome")).isEqualTo("REPLACED");
        // lab B: K through FHIR, 3 of 5 far off (40 %); NA and GLU on target
        List<Observation> returns = new ArrayList<>();
        String[] k = ASSIGNED.get("K");
        for (int i = 0; i < 5; i++) {
            BigDecimal value = new BigDecimal(k[i]).add(i < 3 ? BigDecimal.ONE : BigDecimal.ZERO);
            returns.add(eqaObservation("S" + (i + 1), "2823-3", value, "mmol/L"));
        }
        Parameters fhirAnswer = fhirSubmit(lis.get(labB), round, returns);
        assertThat(fhirAnswer.getParameter()).hasSize(5);
        for (String item : List.of("NA", "GLU")) {
            String[] values = ASSIGNED.get(item);
            for (int i = 0; i < values.length; i++) {
                qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", labB, "sampleCode", "S" + (i + 1),
                        "itemCode", item, "value", values[i]));
            }
        }
        // lab C: on target, but no result for GLU S5
        ASSIGNED.forEach((item, values) -> {
            for (int i = 0; i < values.length; i++) {
                if (!(item.equals("GLU") && i == 4)) {
                    qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", labC, "sampleCode",
                            "S" + (i + 1), "itemCode", item, "value", values[i]));
                }
            }
        });
        ApiClient.Answer stranger = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", "NOBODY",
                "sampleCode", "S1", "itemCode", "K", "value", "4"));
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.text("field")).isEqualTo("labCode");

        // before grading: no assigned value, limit or SD on any read path
        JsonNode open = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        open.path("samples").forEach(s -> {
            assertThat(s.path("assigned").isNull()).isTrue();
            assertThat(s.path("limit").isNull()).isTrue();
        });
        JsonNode openResults = qc.get("/api/eqa/rounds/" + round + "/results").body();
        assertThat(openResults.path("graded").asBoolean()).isFalse();
        assertThat(openResults.path("rows")).allSatisfy(r -> assertThat(r.path("acceptable").isNull()).isTrue());
        assertThat(qc.get("/api/eqa/rounds?alliance=" + alliance).body().get(0).path("samples").get(0)
                .path("assigned").isNull()).isTrue();

        // the deadline grades the round by itself
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "GRADED".equals(qc.get("/api/eqa/rounds/" + round).body().path("status").asText()));
        JsonNode graded = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(graded.path("gradedTrigger").asText()).isEqualTo("DEADLINE");
        assertThat(graded.path("samples").get(0).path("assigned").decimalValue()).isEqualByComparingTo("3.50");

        JsonNode results = qc.get("/api/eqa/rounds/" + round + "/results").body();
        Map<String, JsonNode> grades = new HashMap<>();
        results.path("grades").forEach(g -> grades.put(g.path("labCode").asText() + "/" + g.path("itemCode").asText(),
                g));
        assertThat(grades).hasSize(9);
        assertThat(grades.get(labB + "/K").path("scorePercent").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(grades.get(labB + "/K").path("satisfactory").asBoolean()).isFalse();
        assertThat(grades.get(labB + "/K").path("ruleSet").asText()).isEqualTo("WS/T 403-2024 TEa; 80 %");
        assertThat(grades.get(labC + "/GLU").path("scorePercent").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(grades.get(labC + "/GLU").path("satisfactory").asBoolean()).isTrue();
        assertThat(grades.get(labA + "/K").path("scorePercent").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(results.path("rows")).hasSize(45);
        assertThat(results.path("rows")).anySatisfy(r -> {
            assertThat(r.path("labCode").asText()).isEqualTo(labC);
            assertThat(r.path("itemCode").asText()).isEqualTo("GLU");
            assertThat(r.path("sampleCode").asText()).isEqualTo("S5");
            assertThat(r.path("reason").asText()).isEqualTo("NO_RESULT");
            assertThat(r.path("acceptable").asBoolean()).isFalse();
        });
        assertThat(results.path("rows")).anySatisfy(r -> {
            assertThat(r.path("labCode").asText()).isEqualTo(labA);
            assertThat(r.path("sampleCode").asText()).isEqualTo("S1");
            assertThat(r.path("itemCode").asText()).isEqualTo("K");
            assertThat(r.path("versions").asInt()).isEqualTo(2);
            assertThat(r.path("difference").decimalValue()).isEqualByComparingTo("0.05");
        });

        // a result after grading is refused and logged
        ApiClient.Answer late = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", labC,
                "sampleCode", "S5", "itemCode", "GLU", "value", "10.0"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("rule")).isEqualTo("late");
        assertThat(qc.get("/api/eqa/rounds/" + round + "/results").body().path("refusals"))
                .anySatisfy(r -> assertThat(r.path("reason").asText()).isEqualTo("LATE"));

        // recognition: lab B's potassium is withdrawn citing the round; its sodium and the others stay
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium.get(labB), alliance)).isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, sodiumB, alliance)).isEqualTo("recognized");
        assertThat(RecognitionReads.tag(reader, potassium.get(labA), alliance)).isEqualTo("recognized");
        assertThat(RecognitionReads.tag(reader, potassium.get(labC), alliance)).isEqualTo("recognized");
        Parameters why = reader.client().operation().onInstance("Observation/" + potassium.get(labB))
                .named("$recognition").withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = why.getParameter().stream()
                .filter(p -> p.getName().equals("decision")).findFirst().orElseThrow();
        assertThat(part(decision, "cause")).startsWith("EqaItemGraded");
        assertThat(decision.getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("EQA_SATISFACTORY");
                    assertThat(part(c, "verdict")).isEqualTo("FAIL");
                    assertThat(c.getPart()).filteredOn(p -> p.getName().equals("evidence"))
                            .anySatisfy(e -> assertThat(e.getValue().primitiveValue()).contains(round));
                });

        // the views
        JsonNode history = qc.get("/api/eqa/history?alliance=" + alliance + "&lab=" + labB + "&item=K").body();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("standing").asText()).isEqualTo("UNSATISFACTORY");
        Map<String, JsonNode> passRates = new HashMap<>();
        qc.get("/api/eqa/pass-rates?alliance=" + alliance).body()
                .forEach(r -> passRates.put(r.path("itemCode").asText(), r));
        assertThat(passRates.get("K").path("passRatePercent").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(passRates.get("GLU").path("passRatePercent").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void twoUnsatisfactoryRoundsSuspendUntilALaterSatisfactoryRoundAndAVerifiedCorrectiveAction() {
        unsuccessfulThenLifted(false);
    }

    @Test
    void theAuditsCorrectiveActionFlowLiftsAnEqaSuspensionToo() {
        unsuccessfulThenLifted(true);
    }

    void unsuccessfulThenLifted(boolean throughAnAudit) {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "equ-" + suffix;
        String lab = "EU-" + suffix;
        new AllianceSteps(qc).form(alliance, "质评医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance).letNotYetKnownPass(alliance)
                .accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));

        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0)
                .path("since").asText());
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        String potassium = post(lis, "2823-3", "4.1", enrolled.plusMillis(100));
        FhirTestClient reader = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());

        // FHIR $eqa-result is all or nothing, and names an existing round
        String first = openPotassiumRound(qc, alliance, lab, "r1");
        List<Observation> mixed = List.of(eqaObservation("S1", "2823-3", new BigDecimal("9.9"), "mmol/L"),
                eqaObservation("S9", "2823-3", new BigDecimal("9.9"), "mmol/L"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fhirSubmit(lis, first, mixed))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fhirSubmit(lis, "no-such-round", mixed))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class);
        assertThat(qc.get("/api/eqa/rounds/" + first).body().path("submissions").path(lab).asInt())
                .as("the valid S1 of the refused request was not stored").isZero();

        List<String> standings = new ArrayList<>();
        runPotassiumRound(qc, lis, first, false);
        standings.add(standingAfter(qc, alliance, lab));
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium, alliance)).isEqualTo("withdrawn");
        String second = openPotassiumRound(qc, alliance, lab, "r2");
        runPotassiumRound(qc, lis, second, false);
        standings.add(standingAfter(qc, alliance, lab));
        String third = openPotassiumRound(qc, alliance, lab, "r3");
        runPotassiumRound(qc, lis, third, true);
        standings.add(standingAfter(qc, alliance, lab));
        assertThat(standings).containsExactly("UNSATISFACTORY", "UNSUCCESSFUL", "UNSUCCESSFUL");
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium, alliance)).as("a satisfactory round alone does not lift it")
                .isEqualTo("withdrawn");

        if (throughAnAudit) {
            String audit = qc.post("/api/audits", Map.of("requestId", "eqa-ca", "allianceId", alliance, "labCode", lab,
                    "kind", "SCHEDULED", "auditors", List.of("刘"), "auditDate", LocalDate.now(ZoneId.of(
                            "Asia/Shanghai")).toString(), "openedBy", "质控科")).text("auditId");
            qc.post("/api/audits/" + audit + "/findings", Map.of("findingId", "EQA-K", "dimension", "EQA", "severity",
                    "MINOR", "description", "钾室间质评连续两次不满意", "affectedItems", List.of("K"),
                    "recordedBy", "刘"));
            qc.post("/api/audits/" + audit + "/findings/EQA-K/action", Map.of("owner", "生化组", "dueDate",
                    LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(14).toString(), "assignedBy", "质控科"));
            qc.post("/api/audits/" + audit + "/findings/EQA-K/action/submission", Map.of("response",
                    "换用新批号试剂并重新校准，比对合格", "submittedBy", "生化组"));
            reader.awaitPosition(qc.lastPosition());
            assertThat(RecognitionReads.tag(reader, potassium, alliance)).as("submitted is not verified").isEqualTo("withdrawn");
            assertThat(qc.post("/api/audits/" + audit + "/findings/EQA-K/action/verification", Map.of(
                    "verifiedBy", "质控科 刘")).status()).isEqualTo(200);
        } else {
            assertThat(qc.post("/api/eqa/corrective-actions", Map.of("requestId", "ca-1", "allianceId", alliance,
                    "labCode", lab, "itemCode", "K", "description", "换用新批号试剂并重新校准，比对合格",
                    "verifiedBy", "质控科 刘")).status()).isEqualTo(201);
        }
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium, alliance)).as("satisfactory round + verified corrective action")
                .isEqualTo("recognized");
    }

    // ------------------------------------------------------------------ steps

    String openPotassiumRound(ApiClient qc, String alliance, String lab, String requestId) {
        List<Map<String, Object>> samples = new ArrayList<>();
        String[] values = ASSIGNED.get("K");
        for (int i = 0; i < values.length; i++) {
            samples.add(Map.of("sampleCode", "S" + (i + 1), "itemCode", "K", "assigned", values[i]));
        }
        ApiClient.Answer opened = qc.post("/api/eqa/rounds", Map.of("requestId", requestId, "allianceId", alliance,
                "provider", "ALLIANCE_CORE_LAB", "items", List.of(Map.of("itemCode", "K")), "samples", samples,
                "participants", List.of(lab), "deadline", Instant.now().plusSeconds(3600).toString(),
                "ruleSet", "WS/T 403-2024 TEa; 80 %", "openedBy", "质控科 刘"));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        return opened.text("roundId");
    }

    void runPotassiumRound(ApiClient qc, FhirTestClient lis, String round, boolean satisfactory) {
        List<Observation> returns = new ArrayList<>();
        String[] k = ASSIGNED.get("K");
        for (int i = 0; i < 5; i++) {
            BigDecimal off = satisfactory || i >= 2 ? BigDecimal.ZERO : BigDecimal.ONE;
            returns.add(eqaObservation("S" + (i + 1), "2823-3", new BigDecimal(k[i]).add(off), "mmol/L"));
        }
        fhirSubmit(lis, round, returns);
        assertThat(qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "质控科 刘")).status())
                .isEqualTo(200);
    }

    static String standingAfter(ApiClient qc, String alliance, String lab) {
        JsonNode history = qc.get("/api/eqa/history?alliance=" + alliance + "&lab=" + lab + "&item=K").body();
        return history.get(history.size() - 1).path("standing").asText();
    }

    static String post(FhirTestClient lis, String loinc, String value, Instant effective) {
        Observation result = LabData.potassium(unique("R"), null, value);
        result.getCode().getCodingFirstRep().setCode(loinc);
        if (!"2823-3".equals(loinc)) {
            result.getCode().getCodingFirstRep().setDisplay("Sodium");
        }
        result.setEffective(new DateTimeType(Date.from(effective), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("4209")), result));
        return LabData.idOf(response, 1);
    }

    static Observation eqaObservation(String sample, String loinc, BigDecimal value, String unit) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc);
        observation.getSpecimen().getIdentifier().setSystem("https://huren.org/fhir/sid/eqa-sample").setValue(sample);
        observation.setValue(new Quantity().setValue(value).setSystem(LabData.UCUM).setCode(unit).setUnit(unit));
        return observation;
    }

    static Parameters fhirSubmit(FhirTestClient lis, String round, List<Observation> observations) {
        Parameters in = new Parameters();
        in.addParameter().setName("round").setValue(new StringType(round));
        observations.forEach(o -> in.addParameter().setName("observation").setResource(o));
        return lis.client().operation().onType(Observation.class).named("$eqa-result").withParameters(in)
                .execute();
    }


}

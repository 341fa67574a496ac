package org.huren.api.eqa;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 11, QC answers for EQA over HTTP: closing a round answers its grades; a request id used again with another
 * body is a 409, with the same body the first answer again (event position included); errors name the offending
 * field by its JSON path; z′ (with the assigned value's uncertainty) and ζ (with the participant's) stand beside z,
 * all at the precision they were decided with.
 */
@HurenIntegrationTest
class EqaAnswersIT {

    @LocalServerPort
    int port;

    @Test
    void closingARoundAnswersItsGradesAndTheSameClosureAgainTheSameAnswer() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "eqc-" + suffix;
        String lab = "EC-" + suffix;
        new AllianceSteps(qc).form(alliance, "质评医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        awaitReadModels(qc, alliance);
        ApiClient.Answer opened = qc.post("/api/eqa/rounds", round("close-1", alliance, List.of(lab), "2026-1",
                List.of(sample("S1", "4.00"), sample("S2", "5.00"))));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        String round = opened.text("roundId");
        result(qc, round, lab, "S1", "4.05", null);
        result(qc, round, lab, "S2", "5.60", null);

        ApiClient.Answer closed = qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "质控科 刘"));
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.position()).isNotNull();
        JsonNode body = closed.body();
        assertThat(body.path("roundId").asText()).isEqualTo(round);
        assertThat(body.path("trigger").asText()).isEqualTo("CLOSED");
        assertThat(body.path("gradedBy").asText()).isEqualTo("质控科 刘");
        assertThat(body.path("grades")).hasSize(1);
        JsonNode grade = body.path("grades").get(0);
        assertThat(grade.path("labCode").asText()).isEqualTo(lab);
        assertThat(grade.path("itemCode").asText()).isEqualTo("K");
        assertThat(grade.path("scorePercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(grade.path("satisfactory").asBoolean()).isFalse();
        assertThat(grade.path("acceptable").asInt()).isEqualTo(1);
        assertThat(grade.path("samples").asInt()).isEqualTo(2);
        assertThat(grade.path("sampleGrades").get(1).path("sampleCode").asText()).isEqualTo("S2");
        assertThat(grade.path("sampleGrades").get(1).path("acceptable").asBoolean()).isFalse();
        assertThat(grade.path("sampleGrades").get(1).path("difference").decimalValue()).isEqualByComparingTo("0.60");

        ApiClient.Answer again = qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "质控科 刘"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(body);
        assertThat(again.position()).isEqualTo(closed.position());
        ApiClient.Answer someoneElse = qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "王"));
        assertThat(someoneElse.status()).isEqualTo(409);
        assertThat(someoneElse.text("rule")).isEqualTo("round-graded");
    }

    @Test
    void aRequestIdUsedAgainWithAnotherBodyIsAConflictAndWithTheSameBodyTheFirstAnswer() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "eqr-" + suffix;
        String lab = "ER-" + suffix;
        new AllianceSteps(qc).form(alliance, "质评医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        awaitReadModels(qc, alliance);

        Map<String, Object> first = round("2026-1", alliance, List.of(lab), "2026 第1次", List.of(sample("S1", "4.00")));
        ApiClient.Answer opened = qc.post("/api/eqa/rounds", first);
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        ApiClient.Answer repeated = qc.post("/api/eqa/rounds", first);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(opened.body());
        assertThat(repeated.position()).isEqualTo(opened.position());
        conflict(qc.post("/api/eqa/rounds", round("2026-1", alliance, List.of(lab), "2026 第2次",
                List.of(sample("S1", "4.00")))));
        conflict(qc.post("/api/eqa/rounds", round("2026-1", alliance, List.of(lab), "2026 第1次",
                List.of(sample("S1", "4.50")))));

        String pseudo = unique("FI");
        String accession = unique("BLIND");
        Map<String, Object> inspection = flightInspection("fi-1", alliance, lab, pseudo, accession, "4.00");
        ApiClient.Answer registered = qc.post("/api/eqa/flight-inspections", inspection);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        ApiClient.Answer registeredAgain = qc.post("/api/eqa/flight-inspections", inspection);
        assertThat(registeredAgain.status()).isEqualTo(200);
        assertThat(registeredAgain.body()).isEqualTo(registered.body());
        assertThat(registeredAgain.position()).isEqualTo(registered.position());
        conflict(qc.post("/api/eqa/flight-inspections", flightInspection("fi-1", alliance, lab, pseudo, accession,
                "4.40")));

        Map<String, Object> action = Map.of("requestId", "ca-1", "allianceId", alliance, "labCode", lab,
                "itemCode", "K", "description", "重新校准", "verifiedBy", "质控科 刘");
        ApiClient.Answer verified = qc.post("/api/eqa/corrective-actions", action);
        assertThat(verified.status()).isEqualTo(201);
        ApiClient.Answer verifiedAgain = qc.post("/api/eqa/corrective-actions", action);
        assertThat(verifiedAgain.status()).isEqualTo(200);
        assertThat(verifiedAgain.body()).isEqualTo(verified.body());
        assertThat(verifiedAgain.position()).isEqualTo(verified.position());
        Map<String, Object> otherAction = new HashMap<>(action);
        otherAction.put("description", "更换试剂批号");
        conflict(qc.post("/api/eqa/corrective-actions", otherAction));
    }

    @Test
    void eqaErrorsNameTheOffendingFieldByItsJsonPath() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "eqf-" + suffix;
        String lab = "EF-" + suffix;
        new AllianceSteps(qc).form(alliance, "质评医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        awaitReadModels(qc, alliance);
        Map<String, Object> sdMultiple = Map.of("kind", "SD_MULTIPLE", "k", 2);
        Map<String, Map<String, Object>> samples = new LinkedHashMap<>();
        samples.put("samples[0].sdForProficiency", Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00",
                "limit", sdMultiple, "sdForProficiency", "0"));
        samples.put("samples[0].limit.kind", Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00",
                "limit", Map.of("percent", 5)));
        samples.put("samples[0].limit.k", Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00",
                "limit", Map.of("kind", "SD_MULTIPLE"), "sdForProficiency", "0.1"));
        samples.put("samples[0].limit.percent", Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00",
                "limit", Map.of("kind", "PERCENT", "percent", -5)));
        samples.put("samples[0].assignedUncertainty", Map.of("sampleCode", "S1", "itemCode", "K", "assigned",
                "4.00", "assignedUncertainty", "-0.1"));
        samples.forEach((field, sample) -> {
            ApiClient.Answer refused = qc.post("/api/eqa/rounds", round("bad-" + field, alliance, List.of(lab),
                    "bad", List.of(sample)));
            assertThat(refused.status()).as(field + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.text("field")).as(refused.body().toString()).isEqualTo(field);
        });
        ApiClient.Answer twice = qc.post("/api/eqa/rounds", round("twice", alliance, List.of(lab, lab), "twice",
                List.of(sample("S1", "4.00"))));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.text("field")).isEqualTo("participants[1]");
        ApiClient.Answer notMember = qc.post("/api/eqa/flight-inspections", flightInspection("fi-x", alliance,
                "NOBODY-" + suffix, unique("FI"), unique("BLIND"), "4.00"));
        assertThat(notMember.status()).isEqualTo(422);
        assertThat(notMember.text("field")).isEqualTo("labCode");
        Map<String, Object> noAccession = flightInspection("fi-y", alliance, lab, unique("FI"), unique("BLIND"),
                "4.00");
        noAccession.put("samples", List.of(Map.of("itemCode", "K", "assigned", "4.00")));
        ApiClient.Answer unnamed = qc.post("/api/eqa/flight-inspections", noAccession);
        assertThat(unnamed.status()).isEqualTo(422);
        assertThat(unnamed.text("field")).isEqualTo("samples[0].accession");

        String round = qc.post("/api/eqa/rounds", round("ok", alliance, List.of(lab), "ok",
                List.of(sample("S1", "4.00")))).text("roundId");
        ApiClient.Answer negative = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", lab,
                "sampleCode", "S1", "itemCode", "K", "value", "4.1", "uncertainty", "-0.1"));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.text("field")).isEqualTo("uncertainty");
        ApiClient.Answer zero = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", lab,
                "sampleCode", "S1", "itemCode", "K", "value", "4.1", "uncertainty", "0"));
        assertThat(zero.status()).as("a zero combined uncertainty is refused").isEqualTo(422);
        assertThat(zero.text("field")).isEqualTo("uncertainty");

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        List<Observation> returns = List.of(
                EqaRoundIT.eqaObservation("S1", "2823-3", new BigDecimal("4.1"), "mmol/L"),
                EqaRoundIT.eqaObservation("S9", "2823-3", new BigDecimal("4.1"), "mmol/L"));
        UnprocessableEntityException fhir = catchThrowableOfType(() -> EqaRoundIT.fhirSubmit(lis, round, returns),
                UnprocessableEntityException.class);
        assertThat(fhir).isNotNull();
        OperationOutcome outcome = (OperationOutcome) fhir.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Parameters.parameter[observation][1].specimen.identifier");
    }

    @Test
    void zPrimeAndZetaStandBesideZAtThePrecisionTheyWereDecidedWith() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "eqz-" + suffix;
        String labA = "ZA-" + suffix;
        String labB = "ZB-" + suffix;
        String labC = "ZC-" + suffix;
        new AllianceSteps(qc).form(alliance, "能力验证", "CITY_GROUP", "LOOSE").enrol(alliance, labA, "SECONDARY")
                .enrol(alliance, labB, "SECONDARY").enrol(alliance, labC, "SECONDARY").seedCatalog(alliance);
        awaitReadModels(qc, alliance);
        // ¹³⁷Cs of the procostat round 25XGA: X = 13.8, u(X) = 0.5 / 2, σpt = 0.6; √(0.6² + 0.25²) = 0.65
        Map<String, Object> sample = Map.of("sampleCode", "25XGA", "itemCode", "K", "assigned", "13.8",
                "limit", Map.of("kind", "SD_MULTIPLE", "k", 2), "sdForProficiency", "0.6",
                "assignedUncertainty", "0.25");
        String round = qc.post("/api/eqa/rounds", round("z", alliance, List.of(labA, labB, labC), "137Cs",
                List.of(sample))).text("roundId");
        result(qc, round, labA, "25XGA", "15.8", "0.635");
        result(qc, round, labB, "25XGA", "13.2", "0.70");
        result(qc, round, labC, "25XGA", "15.1", null);
        assertThat(qc.get("/api/eqa/rounds/" + round).body().path("samples").get(0).path("assignedUncertainty")
                .isNull()).as("hidden until graded").isTrue();
        qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "PT provider"));

        Map<String, JsonNode> rows = new HashMap<>();
        qc.get("/api/eqa/rounds/" + round + "/results").body().path("rows")
                .forEach(r -> rows.put(r.path("labCode").asText(), r));
        JsonNode a = rows.get(labA);
        // z = 2.0 / 0.6, to 16 significant digits, not 3.3333
        assertThat(a.path("z").decimalValue()).isEqualByComparingTo("3.333333333333333");
        assertThat(a.path("zCategory").asText()).isEqualTo("UNSATISFACTORY");
        assertThat(a.path("uncertainty").decimalValue()).isEqualByComparingTo("0.635");
        assertThat(a.path("zPrime").decimalValue()).isEqualByComparingTo("3.076923076923077");
        assertThat(a.path("zPrimeCategory").asText()).isEqualTo("UNSATISFACTORY");
        // ζ = 2.0 / √(0.635² + 0.25²) = 2.9306585…
        assertThat(a.path("zeta").decimalValue().setScale(10, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("2.9306585371");
        assertThat(a.path("zetaCategory").asText()).isEqualTo("QUESTIONABLE");
        JsonNode b = rows.get(labB);
        assertThat(b.path("z").decimalValue()).isEqualByComparingTo("-1");
        assertThat(b.path("zPrime").decimalValue().setScale(10, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("-0.9230769231");
        assertThat(b.path("zeta").decimalValue().setScale(10, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("-0.8072073528");
        assertThat(b.path("zetaCategory").asText()).isEqualTo("SATISFACTORY");
        JsonNode c = rows.get(labC);
        assertThat(c.path("zPrime").decimalValue()).as("1.3 / 0.65, exactly on the limit").isEqualByComparingTo("2");
        assertThat(c.path("zPrimeCategory").asText()).isEqualTo("SATISFACTORY");
        assertThat(c.path("zeta").isNull()).as("no uncertainty reported: no ζ").isTrue();

        JsonNode graded = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(graded.path("samples").get(0).path("assignedUncertainty").decimalValue())
                .isEqualByComparingTo("0.25");
        JsonNode history = qc.get("/api/eqa/history?alliance=" + alliance + "&lab=" + labA + "&item=K").body();
        assertThat(history).hasSize(1);
        JsonNode scored = history.get(0).path("samples").get(0);
        assertThat(scored.path("sampleCode").asText()).isEqualTo("25XGA");
        assertThat(scored.path("z").decimalValue()).isEqualByComparingTo("3.333333333333333");
        assertThat(scored.path("zPrimeCategory").asText()).isEqualTo("UNSATISFACTORY");
        assertThat(scored.path("zetaCategory").asText()).isEqualTo("QUESTIONABLE");
    }

    // ------------------------------------------------------------------ steps

    /** A read that waits for every write so far, so the round's checks of members and catalog see them. */
    static void awaitReadModels(ApiClient qc, String alliance) {
        assertThat(qc.get("/api/alliances/" + alliance + "/members").status()).isEqualTo(200);
    }

    static Map<String, Object> sample(String code, String assigned) {
        return Map.of("sampleCode", code, "itemCode", "K", "assigned", assigned);
    }

    static Map<String, Object> round(String requestId, String alliance, List<String> labs, String title,
                                     List<Map<String, Object>> samples) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("allianceId", alliance);
        body.put("provider", "CITY_CENTRE");
        body.put("title", title);
        body.put("items", List.of(Map.of("itemCode", "K")));
        body.put("samples", samples);
        body.put("participants", labs);
        body.put("deadline", "2099-01-01T00:00:00Z");
        body.put("ruleSet", "WS/T 403-2024 TEa; 80 %");
        body.put("openedBy", "质控科 刘");
        return body;
    }

    static Map<String, Object> flightInspection(String requestId, String alliance, String lab, String pseudo,
                                                String accession, String assigned) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("allianceId", alliance);
        body.put("labCode", lab);
        body.put("title", "飞行检查");
        body.put("pseudoPatient", Map.of("system", LabData.MRN, "value", pseudo));
        body.put("items", List.of(Map.of("itemCode", "K")));
        body.put("samples", List.of(Map.of("accession", Map.of("system", BlindSampleIT.ACCESSION, "value",
                accession), "itemCode", "K", "assigned", assigned)));
        body.put("deadline", "2099-01-01T00:00:00Z");
        body.put("ruleSet", "WS/T 403-2024 TEa");
        body.put("openedBy", "质控科 刘");
        return body;
    }

    static void result(ApiClient qc, String round, String lab, String sample, String value, String uncertainty) {
        Map<String, Object> body = new HashMap<>(Map.of("labCode", lab, "sampleCode", sample, "itemCode", "K",
                "value", value));
        if (uncertainty != null) {
            body.put("uncertainty", uncertainty);
        }
        ApiClient.Answer answer = qc.post("/api/eqa/rounds/" + round + "/results", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    }

    static void conflict(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("rule")).isEqualTo("request-id-reused");
        assertThat(answer.text("field")).isEqualTo("requestId");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

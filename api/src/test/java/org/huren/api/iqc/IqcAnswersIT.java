package org.huren.api.iqc;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 11, QC answers for IQC over HTTP: a run's write answer is its evaluation (status, the rules that fired and
 * the points and levels behind each), kept in the read model for {@code /runs} and {@code /levey-jennings}; IQC
 * writes refuse labs that are not members and items outside the catalog of the lab's alliances; errors name the
 * offending field; the monthly and sigma views judge the CV as recognition does (rejected runs left out, from 10
 * values), and show the all-runs CV beside it, labelled.
 */
@HurenIntegrationTest
class IqcAnswersIT {

    @LocalServerPort
    int port;

    @Test
    void aRunAnswersWithItsEvaluationTheRulesAndThePointsBehindThem() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqa-" + suffix;
        String lab = "QA-" + suffix;
        new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        String iqc = "/api/iqc/" + lab + "/K";
        assertThat(qc.put(iqc + "/levels/L1/lots/A", Map.of("mean", "4.00", "sd", "0.10")).status()).isEqualTo(200);
        assertThat(qc.put(iqc + "/levels/L2/lots/B", Map.of("mean", "6.00", "sd", "0.20")).status()).isEqualTo(200);
        Instant t = Instant.parse("2025-05-06T02:00:00Z");

        ApiClient.Answer accepted = IqcIT.run(qc, iqc, "A", t, "4.05", "5.90");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.position()).isNotNull();
        assertThat(accepted.body().path("runId").asText()).isEqualTo("A");
        assertThat(accepted.body().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.body().path("violations")).isEmpty();

        // both levels beyond +2 SD in one run: 1-2s (warning) and 2-2s across the levels (reject)
        ApiClient.Answer rejected = IqcIT.run(qc, iqc, "C", t.plusSeconds(3600), "4.25", "6.50");
        assertThat(rejected.status()).isEqualTo(200);
        JsonNode run = rejected.body();
        assertThat(run.path("status").asText()).isEqualTo("REJECTED");
        assertThat(run.path("ruleSet").asText()).isNotBlank();
        assertThat(run.path("rules").toString()).contains("1-2s").contains("2-2s");
        JsonNode twoTwo = violation(run, "2-2s");
        assertThat(twoTwo.path("action").asText()).isEqualTo("REJECT");
        assertThat(twoTwo.path("points")).hasSize(2);
        assertThat(twoTwo.path("points").get(0).path("runId").asText()).isEqualTo("C");
        assertThat(twoTwo.path("points").get(0).path("level").asText()).isEqualTo("L1");
        assertThat(twoTwo.path("points").get(0).path("z").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(twoTwo.path("points").get(1).path("level").asText()).isEqualTo("L2");
        assertThat(twoTwo.path("points").get(1).path("z").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(violation(run, "1-2s").path("action").asText()).isEqualTo("WARNING");

        ApiClient.Answer again = IqcIT.run(qc, iqc, "C", t.plusSeconds(3600), "4.25", "6.50");
        assertThat(again.status()).as("the same run again is a resend").isEqualTo(200);
        assertThat(again.position()).isEqualTo(rejected.position());
        assertThat(again.body()).isEqualTo(run);

        // the read model keeps them: /runs shows the same evaluation, /levey-jennings which run cited each point
        JsonNode runs = qc.get(iqc + "/runs").body();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1)).isEqualTo(run);
        JsonNode pointC = qc.get(iqc + "/levey-jennings?level=L2").body().path("points").get(1);
        assertThat(pointC.path("runId").asText()).isEqualTo("C");
        assertThat(pointC.path("violations")).anySatisfy(v -> {
            assertThat(v.path("rule").asText()).isEqualTo("2-2s");
            assertThat(v.path("runId").asText()).isEqualTo("C");
        });
    }

    @Test
    void iqcWritesRefuseLabsThatAreNotMembersAndItemsOutsideTheirCatalogs() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqm-" + suffix;
        String lab = "QM-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance);

        String stranger = "/api/iqc/NOBODY-" + suffix + "/K";
        List<ApiClient.Answer> refused = List.of(
                qc.put(stranger + "/levels/L1/lots/X", Map.of("mean", "4.00", "sd", "0.10")),
                qc.put(stranger + "/rule-set", Map.of("rules", "1-3s/2-2s")),
                qc.post(stranger + "/runs", Map.of("runId", "R1", "runAt", "2025-05-06T02:00:00Z",
                        "results", List.of(Map.of("level", "L1", "value", "4.0")))),
                qc.post(stranger + "/levels/L1/lots/X/target-proposal", null),
                qc.post(stranger + "/levels/L1/lots/X/target-confirmation", Map.of("confirmedBy", "qc")));
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.text("rule")).isEqualTo("not-a-member");
            assertThat(answer.text("field")).isEqualTo("labCode");
        });

        String notAnItem = "/api/iqc/" + lab + "/NOT-AN-ITEM";
        List<ApiClient.Answer> outside = List.of(
                qc.put(notAnItem + "/levels/L1/lots/X", Map.of("mean", "4.00", "sd", "0.10")),
                qc.put(notAnItem + "/rule-set", Map.of("rules", "1-3s/2-2s")));
        assertThat(outside).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
            assertThat(answer.text("rule")).isEqualTo("not-in-catalog");
            assertThat(answer.text("field")).isEqualTo("itemCode");
        });

        // a lab keeps IQC only for the items of the alliances it is still a member of
        assertThat(qc.put("/api/iqc/" + lab + "/K/levels/L1/lots/A", Map.of("mean", "4.00", "sd", "0.10")).status())
                .isEqualTo(200);
        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + lab + "/withdrawal",
                Map.of("reason", "left for another alliance")).status()).isEqualTo(200);
        String other = "iqo-" + suffix;
        steps.form(other, "无目录医联体", "CITY_GROUP", "LOOSE").enrol(other, lab, "SECONDARY");
        qc.get("/api/alliances/" + other + "/members");
        ApiClient.Answer formerItem = qc.post("/api/iqc/" + lab + "/K/runs", Map.of("runId", "R1",
                "runAt", "2025-05-06T02:00:00Z", "results", List.of(Map.of("level", "L1", "value", "4.0"))));
        assertThat(formerItem.status()).as(formerItem.body().toString()).isEqualTo(422);
        assertThat(formerItem.text("field")).isEqualTo("itemCode");
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        Observation control = IqcIT.controlRun("R1", Instant.parse("2025-05-06T02:00:00Z"), "4.0", "6.0");
        control.getComponent().remove(1);
        UnprocessableEntityException fhir = catchThrowableOfType(
                () -> lis.client().create().resource(control).execute(), UnprocessableEntityException.class);
        assertThat(fhir).isNotNull();
        assertThat(expression(fhir)).isEqualTo("Observation.code");
    }

    @Test
    void iqcErrorsNameTheOffendingFieldOverRestAndFhir() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqf-" + suffix;
        String lab = "QF-" + suffix;
        new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        String iqc = "/api/iqc/" + lab + "/K";
        qc.put(iqc + "/levels/L1/lots/A", Map.of("mean", "4.00", "sd", "0.10"));
        ApiClient.Answer noSd = qc.put(iqc + "/levels/L2/lots/B", Map.of("mean", "6.00"));
        assertThat(noSd.status()).isEqualTo(422);
        assertThat(noSd.text("field")).isEqualTo("sd");
        ApiClient.Answer noMean = qc.put(iqc + "/levels/L2/lots/B", Map.of("sd", "0.20"));
        assertThat(noMean.status()).isEqualTo(422);
        assertThat(noMean.text("field")).isEqualTo("mean");
        ApiClient.Answer unknownLevel = IqcIT.run(qc, iqc, "R1", Instant.parse("2025-05-06T02:00:00Z"), "4.0", "6.0");
        assertThat(unknownLevel.status()).isEqualTo(422);
        assertThat(unknownLevel.text("field")).isEqualTo("results[1].level");

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        Observation twoLevels = IqcIT.controlRun("R2", Instant.parse("2025-05-06T03:00:00Z"), "4.0", "6.0");
        UnprocessableEntityException fhir = catchThrowableOfType(
                () -> lis.client().create().resource(twoLevels).execute(), UnprocessableEntityException.class);
        assertThat(fhir).isNotNull();
        assertThat(expression(fhir)).isEqualTo("Observation.component[1].code");
    }

    @Test
    void theMonthlyAndSigmaViewsJudgeTheCvAsRecognitionDoesAndShowTheAllRunsCvBesideIt() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqs-" + suffix;
        String lab = "QS-" + suffix;
        new AllianceSteps(qc).form(alliance, "室内质控医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        String iqc = "/api/iqc/" + lab + "/K";
        qc.put(iqc + "/levels/L1/lots/A", Map.of("mean", "4.00", "sd", "0.10"));
        // March: 12 accepted values ±0.5 SD, then a run beyond 3 SD (rejected, 1-3s); April: 3 accepted values
        Instant march = Instant.parse("2025-03-10T02:00:00Z");
        for (int i = 0; i < 12; i++) {
            single(qc, iqc, "M" + i, march.plus(Duration.ofHours(i)), i % 2 == 0 ? "3.95" : "4.05");
        }
        assertThat(single(qc, iqc, "M-OUT", march.plus(Duration.ofHours(12)), "4.40").body().path("status")
                .asText()).isEqualTo("REJECTED");
        Instant april = Instant.parse("2025-04-10T02:00:00Z");
        single(qc, iqc, "A0", april, "3.95");
        single(qc, iqc, "A1", april.plusSeconds(3600), "4.05");
        single(qc, iqc, "A2", april.plusSeconds(7200), "4.00");

        Map<String, JsonNode> months = new HashMap<>();
        qc.get(iqc + "/monthly").body().forEach(m -> months.put(m.path("month").asText(), m));
        JsonNode inMarch = months.get("2025-03");
        // without the rejected run: 12 values, mean 4.00, SD 0.0522, CV 1.31 %; with it: 13 values, CV 3.02 %
        assertThat(inMarch.path("n").asInt()).isEqualTo(12);
        assertThat(inMarch.path("mean").decimalValue()).isEqualByComparingTo("4.0000");
        assertThat(inMarch.path("cvPercent").decimalValue()).isEqualByComparingTo("1.31");
        assertThat(inMarch.path("nAllRuns").asInt()).isEqualTo(13);
        assertThat(inMarch.path("cvAllRunsPercent").decimalValue()).isEqualByComparingTo("3.02");
        assertThat(inMarch.path("rejectedRuns").asInt()).isEqualTo(1);
        JsonNode inApril = months.get("2025-04");
        assertThat(inApril.path("n").asInt()).isEqualTo(3);
        assertThat(inApril.path("cvPercent").isNull()).as("fewer than 10 values: not judged").isTrue();
        assertThat(inApril.path("cvAllRunsPercent").decimalValue()).isEqualByComparingTo("1.25");

        // sigma over March from the same CV: (TEa 6 % − |bias 0.00 %|) ÷ 1.31 % = 4.58
        JsonNode sigma = qc.get(iqc + "/sigma?alliance=" + alliance + "&from=2025-03-01T00:00:00Z"
                + "&to=2025-04-01T00:00:00Z").body();
        JsonNode level = sigma.path("levels").get(0);
        assertThat(level.path("n").asInt()).isEqualTo(12);
        assertThat(level.path("cvPercent").decimalValue()).isEqualByComparingTo("1.31");
        assertThat(level.path("cvAllRunsPercent").decimalValue()).isEqualByComparingTo("3.02");
        assertThat(level.path("biasPercent").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(level.path("sigma").decimalValue()).isEqualByComparingTo("4.58");
        JsonNode tooFew = qc.get(iqc + "/sigma?alliance=" + alliance + "&from=2025-04-01T00:00:00Z").body();
        assertThat(tooFew.path("levels").get(0).path("sigma").isNull()).as("fewer than 10 values").isTrue();
    }

    // ------------------------------------------------------------------ steps

    static ApiClient.Answer single(ApiClient qc, String iqc, String runId, Instant at, String l1) {
        ApiClient.Answer answer = qc.post(iqc + "/runs", Map.of("runId", runId, "runAt", at.toString(), "results",
                List.of(Map.of("level", "L1", "value", l1))));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer;
    }

    static JsonNode violation(JsonNode run, String rule) {
        List<JsonNode> found = new ArrayList<>();
        run.path("violations").forEach(v -> {
            if (v.path("rule").asText().equals(rule)) {
                found.add(v);
            }
        });
        assertThat(found).as(rule + " in " + run).hasSize(1);
        return found.get(0);
    }

    static String expression(UnprocessableEntityException e) {
        OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
        return outcome.getIssueFirstRep().getExpression().isEmpty() ? null
                : outcome.getIssueFirstRep().getExpression().get(0).getValue();
    }
}

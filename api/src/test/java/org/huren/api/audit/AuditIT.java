package org.huren.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

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
 * Issue 7 end to end: an unannounced audit records a major finding on reagents affecting potassium and sodium at
 * one lab; those items' results lose recognition from that moment, glucose stays; the corrective action is
 * submitted, rejected once, resubmitted and verified; recognition returns, the trail shows every step, and the lab's
 * scorecard counts what was posted.
 */
@HurenIntegrationTest
class AuditIT {

    static final Map<String, String> LOINC = Map.of("K", "2823-3", "NA", "2951-2", "GLU", "14749-6");

    @LocalServerPort
    int port;

    @Test
    void aMajorFindingSuspendsTheItemsItAffectsUntilItsCorrectiveActionIsVerified() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "aud-" + suffix;
        String lab = "AU-" + suffix;
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "督查医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, today, List.of("K", "NA", "GLU"));
        qc.get("/api/alliances/" + alliance + "/members");
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        FhirTestClient reader = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        String potassium = post(lis, "K", "4.1");
        String sodium = post(lis, "NA", "140");
        String glucose = post(lis, "GLU", "5.2");
        reader.awaitPosition(lis.lastPosition());
        assertThat(List.of(RecognitionReads.tag(reader, potassium), RecognitionReads.tag(reader, sodium), RecognitionReads.tag(reader, glucose)))
                .containsOnly("recognized");

        ApiClient.Answer opened = qc.post("/api/audits", Map.of("requestId", "2026-飞检-1", "allianceId", alliance,
                "labCode", lab, "kind", "UNANNOUNCED", "auditors", List.of("刘", "王"), "auditDate", today,
                "openedBy", "质控科"));
        assertThat(opened.status()).isEqualTo(201);
        String audit = opened.text("auditId");
        String base = "/api/audits/" + audit;
        assertThat(qc.post(base + "/findings", Map.of("findingId", "F1", "dimension", "REAGENTS", "severity",
                "MAJOR", "description", "过期校准品仍在使用", "evidence", List.of("photo-1.jpg"),
                "affectedItems", List.of("K", "NA"), "recordedBy", "刘")).status()).isEqualTo(201);
        assertThat(qc.post(base + "/findings", Map.of("findingId", "F2", "dimension", "IQC", "severity", "MINOR",
                "description", "质控图未每日审核", "recordedBy", "王")).status()).isEqualTo(201);

        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium)).isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, sodium)).isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, glucose)).as("not affected").isEqualTo("recognized");
        String during = post(lis, "K", "4.3");
        reader.awaitPosition(lis.lastPosition());
        assertThat(RecognitionReads.tag(reader, during)).isEqualTo("not-recognized");
        Parameters why = reader.client().operation().onInstance("Observation/" + potassium).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(why.getParameter().get(0).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(part(c, "code")).isEqualTo("NO_OPEN_MAJOR_FINDING");
                    assertThat(part(c, "verdict")).isEqualTo("FAIL");
                    assertThat(c.getPart()).anySatisfy(p -> assertThat(p.getValue().primitiveValue()).contains("F1"));
                });

        // the corrective action: steps out of order are refused; submitted, rejected, resubmitted, verified
        ApiClient.Answer early = qc.post(base + "/findings/F1/action/verification", Map.of("verifiedBy", "质控科"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("detail")).contains("is NONE");
        assertThat(qc.post(base + "/findings/F1/action", Map.of("owner", "检验科主任", "dueDate",
                LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString(), "assignedBy", "质控科")).status())
                .isEqualTo(200);
        assertThat(qc.post(base + "/findings/F1/action/submission", Map.of("response", "已停用过期校准品",
                "submittedBy", "检验科主任")).status()).isEqualTo(200);
        assertThat(qc.post(base + "/findings/F1/action/rejection", Map.of("reason", "缺少重新校准后的比对数据",
                "rejectedBy", "质控科")).status()).isEqualTo(200);
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium)).as("a rejected action verifies nothing").isEqualTo("withdrawn");
        assertThat(qc.post(base + "/findings/F1/action/submission", Map.of("response", "更换新批号校准品并重新校准，"
                        + "附比对数据", "evidence", List.of("cal-2026-11.pdf"), "submittedBy", "检验科主任")).status())
                .isEqualTo(200);
        assertThat(qc.post(base + "/findings/F1/action/verification", Map.of("note", "现场核查通过",
                "verifiedBy", "质控科")).status()).isEqualTo(200);

        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, potassium)).isEqualTo("recognized");
        assertThat(RecognitionReads.tag(reader, sodium)).isEqualTo("recognized");
        String after = post(lis, "K", "4.2");
        reader.awaitPosition(lis.lastPosition());
        assertThat(RecognitionReads.tag(reader, after)).as("after verification").isEqualTo("recognized");

        // the trail shows every step, with who and the event behind it
        JsonNode trail = qc.get(base).body();
        List<String> stepsOfF1 = new ArrayList<>();
        trail.path("steps").forEach(s -> {
            if (s.path("findingId").isNull() || "F1".equals(s.path("findingId").asText())) {
                stepsOfF1.add(s.path("step").asText());
            }
            assertThat(s.path("eventId").asText()).isNotBlank();
        });
        assertThat(stepsOfF1).containsExactly("AUDIT_OPENED", "FINDING_RECORDED", "ACTION_ASSIGNED",
                "ACTION_SUBMITTED", "ACTION_REJECTED", "ACTION_SUBMITTED", "ACTION_VERIFIED");
        JsonNode open = qc.get("/api/audits/findings?alliance=" + alliance + "&lab=" + lab).body();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("findingId").asText()).isEqualTo("F2");
        JsonNode closing = qc.get("/api/audits/time-to-close?alliance=" + alliance).body();
        assertThat(closing).anySatisfy(t -> {
            assertThat(t.path("severity").asText()).isEqualTo("MAJOR");
            assertThat(t.path("closed").asLong()).isEqualTo(1);
        });
        assertThat(qc.get("/api/audits/heat-map?alliance=" + alliance).body()).anySatisfy(c -> {
            assertThat(c.path("dimension").asText()).isEqualTo("REAGENTS");
            assertThat(c.path("major").asLong()).isEqualTo(1);
        });

        // an EQA round for potassium (on target) and IQC for chloride (one run of three rejected), for the scorecard
        String round = qc.post("/api/eqa/rounds", Map.of("requestId", "sc", "allianceId", alliance, "provider",
                "CITY_CENTRE", "items", List.of(Map.of("itemCode", "K")), "samples", List.of(Map.of("sampleCode", "S1",
                        "itemCode", "K", "assigned", "4.00")), "participants", List.of(lab),
                "deadline", Instant.now().plusSeconds(3600).toString(), "ruleSet", "WS/T 403-2024", "openedBy", "qc"))
                .text("roundId");
        qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", lab, "sampleCode", "S1", "itemCode", "K",
                "value", "4.00"));
        qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "qc"));
        String iqc = "/api/iqc/" + lab + "/CL";
        qc.put(iqc + "/levels/L1/lots/CL1", Map.of("mean", "100.0", "sd", "1.0"));
        for (String[] run : List.of(new String[]{"c1", "100.5"}, new String[]{"c2", "99.5"},
                new String[]{"c3", "104.0"})) {
            qc.post(iqc + "/runs", Map.of("runId", run[0], "runAt", Instant.now().toString(), "results",
                    List.of(Map.of("level", "L1", "value", run[1]))));
        }

        // the scorecard, checked against what was posted
        JsonNode card = qc.get("/api/alliances/" + alliance + "/members/" + lab + "/scorecard").body();
        assertThat(card.path("eqa")).hasSize(1);
        assertThat(card.path("eqa").get(0).path("itemCode").asText()).isEqualTo("K");
        assertThat(card.path("eqa").get(0).path("rounds").asInt()).isEqualTo(1);
        assertThat(card.path("eqa").get(0).path("standing").asText()).isEqualTo("SATISFACTORY");
        assertThat(card.path("eqa").get(0).path("latestRoundId").asText()).isEqualTo(round);
        assertThat(card.path("iqc")).hasSize(1);
        assertThat(card.path("iqc").get(0).path("itemCode").asText()).isEqualTo("CL");
        assertThat(card.path("iqc").get(0).path("evaluatedRuns").asInt()).isEqualTo(3);
        assertThat(card.path("iqc").get(0).path("rejectedRuns").asInt()).isEqualTo(1);
        assertThat(card.path("iqc").get(0).path("rejectionRatePercent").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(card.path("accreditation")).hasSize(3);
        assertThat(card.path("accreditation")).allSatisfy(a -> assertThat(a.path("accredited").asBoolean()).isTrue());
        assertThat(card.path("findings").path("open").asInt()).isEqualTo(1);
        assertThat(card.path("findings").path("openMajor").asInt()).isZero();
        assertThat(card.path("findings").path("items").get(0).path("href").asText()).isEqualTo(base);
        assertThat(card.path("recognition").path("results").asLong()).isEqualTo(5);
        assertThat(card.path("recognition").path("recognized").asLong()).isEqualTo(5);
        assertThat(card.path("recognition").path("ratePercent").decimalValue()).isEqualByComparingTo("100.00");

        // reopening the major finding suspends its items again, from now
        assertThat(qc.post(base + "/findings/F1/reopening", Map.of("reason", "抽查又见过期校准品", "reopenedBy", "质控科"))
                .status()).isEqualTo(200);
        reader.awaitPosition(qc.lastPosition());
        assertThat(RecognitionReads.tag(reader, after)).isEqualTo("withdrawn");
        assertThat(RecognitionReads.tag(reader, glucose)).isEqualTo("recognized");
        Parameters reopened = reader.client().operation().onInstance("Observation/" + after).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(reopened.getParameter().get(0).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> assertThat(c.getPart()).anySatisfy(p -> assertThat(p.getValue().primitiveValue())
                        .contains("F1#2")));
    }

    // ------------------------------------------------------------------ steps

    static String post(FhirTestClient lis, String item, String value) {
        Observation result = LabData.potassium(unique("R"), null, value);
        result.getCode().getCodingFirstRep().setCode(LOINC.get(item)).setDisplay(item);
        result.setEffective(new DateTimeType(Date.from(Instant.now()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("4211")), result));
        return LabData.idOf(response, 1);
    }


}

package org.huren.api.recognition;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

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
 * Every recognition decision can be reproduced by replay: resetting the recognition projection and replaying
 * the event store gives exactly the same decisions and history, timestamps and causes included — here on a few
 * thousand results, some of them withdrawn by a late accreditation withdrawal.
 */
@HurenIntegrationTest
class RecognitionReplayIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void replayingTheEventStoreReproducesEveryDecision() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "rpl-" + suffix;
        String lab = "RPL-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "回放医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "CORE").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K", "GLU"));
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0)
                .path("since").asText());

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        for (int bundle = 0; bundle < 40; bundle++) {
            Observation[] results = new Observation[50];
            for (int i = 0; i < results.length; i++) {
                results[i] = potassium(unique("R"), null, "4." + (i % 10));
                results[i].setEffective(new DateTimeType(Date.from(enrolled.plusMillis(10L * (bundle * 50 + i) + 1)),
                        ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC")));
            }
            lis.transaction(LabData.transaction(LabData.patient(unique("1120")), results));
        }
        Instant withdrawalEffective = enrolled.plusMillis(10L * 1000);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(withdrawalEffective));
        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + lab + "/accreditations/K/withdrawal",
                Map.of("reason", "replay test", "effectiveAt", withdrawalEffective.toString())).status()).isEqualTo(200);
        qc.as(Tokens.operator()).get("/api/projections/status");

        List<Map<String, Object>> decisions = snapshot("SELECT result_id, alliance_id, status, ever_recognized, since, "
                + "withdrawn_at, item_code, criteria, cause_event_id, cause_type FROM readmodel.recognition "
                + "ORDER BY result_id, alliance_id");
        List<Map<String, Object>> history = snapshot("SELECT result_id, alliance_id, status, at, criteria, "
                + "cause_event_id, cause_type FROM readmodel.recognition_change ORDER BY result_id, alliance_id, at, "
                + "seq");
        long ours = decisions.stream().filter(d -> alliance.equals(d.get("alliance_id"))).count();
        long withdrawn = decisions.stream().filter(d -> alliance.equals(d.get("alliance_id"))
                && Boolean.TRUE.equals(d.get("ever_recognized")) && "NOT_RECOGNIZED".equals(d.get("status"))).count();
        assertThat(ours).isEqualTo(2000);
        assertThat(withdrawn).as("results after the withdrawal's effective time").isEqualTo(1000);

        // later evidence of every kind, so the replay must reproduce its decisions too: an unsatisfactory EQA round
        // for K (withdraws the rest), IQC for GLU with a rejected run, an audit with a major finding on GLU that is
        // verified and reopened
        String round = qc.post("/api/eqa/rounds", Map.of("requestId", "rpl", "allianceId", alliance, "provider",
                "CITY_CENTRE", "items", List.of(Map.of("itemCode", "K")), "samples", List.of(Map.of("sampleCode", "S1",
                        "itemCode", "K", "assigned", "4.00")), "participants", List.of(lab),
                "deadline", Instant.now().plusSeconds(3600).toString(), "ruleSet", "WS/T 403-2024", "openedBy", "qc"))
                .text("roundId");
        qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", lab, "sampleCode", "S1", "itemCode", "K",
                "value", "5.00"));
        assertThat(qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "qc")).status()).isEqualTo(200);
        String iqc = "/api/iqc/" + lab + "/GLU";
        qc.put(iqc + "/levels/L1/lots/G1", Map.of("mean", "5.00", "sd", "0.10"));
        qc.post(iqc + "/runs", Map.of("runId", "g1", "runAt", Instant.now().toString(), "results",
                List.of(Map.of("level", "L1", "value", "5.05"))));
        qc.post(iqc + "/runs", Map.of("runId", "g2", "runAt", Instant.now().toString(), "results",
                List.of(Map.of("level", "L1", "value", "5.40"))));
        String audit = qc.post("/api/audits", Map.of("requestId", "rpl", "allianceId", alliance, "labCode", lab,
                "kind", "SCHEDULED", "auditors", List.of("刘"), "auditDate", LocalDate.now(ZoneId.of("Asia/Shanghai"))
                        .toString(), "openedBy", "qc")).text("auditId");
        String finding = "/api/audits/" + audit + "/findings/F1";
        qc.post("/api/audits/" + audit + "/findings", Map.of("findingId", "F1", "dimension", "REAGENTS", "severity",
                "MAJOR", "description", "replay", "affectedItems", List.of("K"), "recordedBy", "刘"));
        qc.post(finding + "/action", Map.of("owner", "lab", "dueDate", LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .plusDays(7).toString(), "assignedBy", "qc"));
        qc.post(finding + "/action/submission", Map.of("response", "done", "submittedBy", "lab"));
        qc.post(finding + "/action/verification", Map.of("verifiedBy", "qc"));
        assertThat(qc.post(finding + "/reopening", Map.of("reason", "again", "reopenedBy", "qc")).status())
                .isEqualTo(200);
        qc.as(Tokens.operator()).get("/api/projections/status");
        decisions = snapshot("SELECT result_id, alliance_id, status, ever_recognized, since, withdrawn_at, item_code, "
                + "criteria, cause_event_id, cause_type FROM readmodel.recognition ORDER BY result_id, alliance_id");
        history = snapshot("SELECT result_id, alliance_id, status, at, criteria, cause_event_id, cause_type "
                + "FROM readmodel.recognition_change ORDER BY result_id, alliance_id, at, seq");
        assertThat(decisions.stream().filter(d -> alliance.equals(d.get("alliance_id")))
                .filter(d -> "EqaItemGraded".equals(d.get("cause_type")) || "FindingRecorded".equals(d.get("cause_type"))
                        || "FindingReopened".equals(d.get("cause_type")) || "CorrectiveActionVerified".equals(
                        d.get("cause_type")))).as("later evidence decided something").isNotEmpty();

        // damage the read model: only a real rebuild from the event store can bring it back
        jdbc.update("UPDATE readmodel.recognition SET status = 'DAMAGED' WHERE alliance_id = ?", alliance);
        jdbc.update("DELETE FROM readmodel.recognition_change WHERE alliance_id = ?", alliance);
        ApiClient.Answer replay = qc.as(Tokens.operator()).post("/api/projections/recognition/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(qc.as(Tokens.operator()).get("/api/projections/status").status()).as("the replay caught up").isEqualTo(200);

        assertThat(snapshot("SELECT result_id, alliance_id, status, ever_recognized, since, withdrawn_at, item_code, "
                + "criteria, cause_event_id, cause_type FROM readmodel.recognition ORDER BY result_id, alliance_id"))
                .isEqualTo(decisions);
        assertThat(snapshot("SELECT result_id, alliance_id, status, at, criteria, cause_event_id, cause_type "
                + "FROM readmodel.recognition_change ORDER BY result_id, alliance_id, at, seq"))
                .isEqualTo(history);
    }

    private List<Map<String, Object>> snapshot(String sql) {
        return jdbc.queryForList(sql);
    }
}

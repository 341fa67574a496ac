package org.huren.api.recognition;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
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
        qc.get("/api/alliances/" + alliance + "/overview");

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

        // damage the read model: only a real rebuild from the event store can bring it back
        jdbc.update("UPDATE readmodel.recognition SET status = 'DAMAGED' WHERE alliance_id = ?", alliance);
        jdbc.update("DELETE FROM readmodel.recognition_change WHERE alliance_id = ?", alliance);
        ApiClient.Answer replay = qc.post("/api/projections/recognition/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        qc.get("/api/projections/status");

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

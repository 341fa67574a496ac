package org.huren.api.web;

import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a create keyed by its natural key or a client's {@code requestId} answers the same again — body and
 * event position — when repeated with the same body, and 409 (problem+json naming the key) with another body.
 * Forming an alliance answers when it was formed.
 */
@HurenIntegrationTest
class IdempotentCreatesIT {

    @LocalServerPort
    int port;

    @Test
    void anAllianceAnswersWhenItWasFormedAndARepeatTheSameWithItsPosition() {
        ApiClient qc = new ApiClient(port);
        String alliance = "idem-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = Map.of("allianceId", alliance, "name", "幂等医联体", "kind", "CITY_GROUP",
                "integration", "TIGHT", "coreInstitution", "核心医院");
        ApiClient.Answer formed = qc.post("/api/alliances", body);
        assertThat(formed.status()).isEqualTo(201);
        assertThat(formed.position()).isNotNull();
        Instant formedAt = Instant.parse(formed.text("formedAt"));
        assertThat(qc.get("/api/alliances/" + alliance).text("formedAt")).isEqualTo(formed.text("formedAt"));
        assertThat(formedAt).isBefore(Instant.now().plusSeconds(1));

        ApiClient.Answer repeated = qc.post("/api/alliances", body);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.position()).isEqualTo(formed.position());
        assertThat(repeated.body()).isEqualTo(formed.body());
        Map<String, Object> other = new HashMap<>(body);
        other.put("name", "另一个医联体");
        ApiClient.Answer conflict = qc.post("/api/alliances", other);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
    }

    @Test
    void assessmentsAndAuditsRefuseARequestIdUsedWithAnotherBody() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "idr-" + suffix;
        String lab = "ID-" + suffix;
        new AllianceSteps(qc).form(alliance, "幂等医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);

        Map<String, Object> assessment = Map.of("allianceId", alliance, "labCode", lab, "assessors", List.of("李明"),
                "visitDate", "2026-03-02", "requestId", "visit-" + suffix);
        ApiClient.Answer opened = qc.post("/api/assessments", assessment);
        assertThat(opened.status()).isEqualTo(201);
        ApiClient.Answer openedAgain = qc.post("/api/assessments", assessment);
        assertThat(openedAgain.status()).isEqualTo(200);
        assertThat(openedAgain.body()).isEqualTo(opened.body());
        assertThat(openedAgain.position()).isEqualTo(opened.position());
        Map<String, Object> otherAssessors = new HashMap<>(assessment);
        otherAssessors.put("assessors", List.of("王强"));
        conflict(qc.post("/api/assessments", otherAssessors));

        Map<String, Object> audit = Map.of("requestId", "audit-1", "allianceId", alliance, "labCode", lab,
                "kind", "SCHEDULED", "auditors", List.of("刘"), "auditDate", "2026-03-02", "openedBy", "质控科");
        ApiClient.Answer audited = qc.post("/api/audits", audit);
        assertThat(audited.status()).isEqualTo(201);
        ApiClient.Answer auditedAgain = qc.post("/api/audits", audit);
        assertThat(auditedAgain.status()).isEqualTo(200);
        assertThat(auditedAgain.body()).isEqualTo(audited.body());
        assertThat(auditedAgain.position()).isEqualTo(audited.position());
        Map<String, Object> otherDate = new HashMap<>(audit);
        otherDate.put("auditDate", "2026-04-01");
        conflict(qc.post("/api/audits", otherDate));
    }

    static void conflict(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("rule")).isEqualTo("request-id-reused");
        assertThat(answer.text("field")).isEqualTo("requestId");
    }
}

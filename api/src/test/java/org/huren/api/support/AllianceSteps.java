package org.huren.api.support;

import org.huren.domain.assessment.Dimension;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A QC manager's usual steps over {@code /api}, each asserting it was accepted. */
public final class AllianceSteps {

    private final ApiClient qc;

    public AllianceSteps(ApiClient qc) {
        this.qc = qc;
    }

    public AllianceSteps form(String allianceId, String name, String kind, String integration) {
        assertThat(qc.post("/api/alliances", Map.of("allianceId", allianceId, "name", name, "kind", kind,
                "integration", integration, "coreInstitution", "核心医院")).status()).isEqualTo(201);
        return this;
    }

    public AllianceSteps enrol(String allianceId, String lab, String level) {
        ApiClient.Answer answer = qc.post("/api/alliances/" + allianceId + "/members", Map.of("labCode", lab,
                "institution", lab + " 检验科", "level", level));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return this;
    }

    public AllianceSteps seedCatalog(String allianceId) {
        assertThat(qc.post("/api/alliances/" + allianceId + "/catalog/default", null).status()).isEqualTo(200);
        return this;
    }

    /** EQA, IQC and audit evidence are not recorded yet: let recognition pass without them. */
    public AllianceSteps letNotYetKnownPass(String allianceId) {
        assertThat(qc.put("/api/alliances/" + allianceId + "/recognition-policy", Map.of("notYetKnownBlocks", false,
                "iqcBracketHours", 24, "eqaMaxAgeDays", 365)).status()).isEqualTo(200);
        return this;
    }

    /** An on-site assessment passing every dimension, closed ACCREDITED for the items for two years. */
    public String accredit(String allianceId, String lab, String visitDate, List<String> items) {
        ApiClient.Answer opened = qc.post("/api/assessments", Map.of("allianceId", allianceId, "labCode", lab,
                "assessors", List.of("李明"), "visitDate", visitDate));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        String assessment = opened.text("assessmentId");
        for (Dimension dimension : Dimension.values()) {
            qc.put("/api/assessments/" + assessment + "/scores/" + dimension, Map.of("verdict", "PASS"));
        }
        ApiClient.Answer closed = qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome",
                "ACCREDITED", "itemCodes", items, "validUntil", LocalDate.parse(visitDate).plusYears(2).toString(),
                "closedBy", "王强"));
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        return assessment;
    }
}

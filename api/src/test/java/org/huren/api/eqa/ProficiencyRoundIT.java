package org.huren.api.eqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real ISO 13528 proficiency round (25XGA ⁸⁸Y, 43 labs; procostat, MIT) loaded through the public interface: the
 * labs enrolled, the round opened with X = 11.7 and σ<sub>pt</sub> = 0.9 (limit ±2σ), every result submitted and the
 * round closed. The z-scores and classes match the hand-checked values of {@code ProficiencyTestingRoundsTest}.
 */
@HurenIntegrationTest
class ProficiencyRoundIT {

    @LocalServerPort
    int port;

    @Test
    void zScoresAndClassesOfARealRoundComeOutOfTheRestApi() throws Exception {
        JsonNode data;
        try (InputStream in = getClass().getResourceAsStream("/external/eqa/25XGA_88Y.json")) {
            data = new ObjectMapper().readTree(in);
        }
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "pt-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "能力验证", "CITY_GROUP", "LOOSE")
                .seedCatalog(alliance);
        // HuRen's catalog holds clinical items only (codes must be real LOINC): the radionuclide sample is graded
        // under a stand-in item; grading by k × σ does not depend on the item or its unit
        String item = "K";
        List<String> labs = new ArrayList<>();
        data.path("measurements").forEach(m -> labs.add("PT" + m.path("lab_code").asInt() + "-" + suffix));
        labs.forEach(lab -> steps.enrol(alliance, lab, "SECONDARY"));
        assertThat(qc.get("/api/alliances/" + alliance + "/members").body()).hasSize(43);

        ApiClient.Answer opened = qc.post("/api/eqa/rounds", Map.of("requestId", "25XGA", "allianceId", alliance,
                "provider", "OTHER", "title", data.path("eil").asText() + " " + data.path("campaign").asText(),
                "items", List.of(Map.of("itemCode", item)),
                "samples", List.of(Map.of("sampleCode", data.path("sample_code").asText(), "itemCode", item,
                        "assigned", data.path("assigned_value").path("value").decimalValue(),
                        "limit", Map.of("kind", "SD_MULTIPLE", "k", 2), "sdForProficiency", "0.9")),
                "participants", labs, "deadline", Instant.now().plusSeconds(3600).toString(),
                "ruleSet", "ISO 13528 z, sigma_pt = robust s* 0.9", "openedBy", "PT provider"));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        String round = opened.text("roundId");
        data.path("measurements").forEach(m -> assertThat(qc.post("/api/eqa/rounds/" + round + "/results",
                Map.of("labCode", "PT" + m.path("lab_code").asInt() + "-" + suffix, "sampleCode", "25XGA",
                        "itemCode", item, "value", m.path("value").decimalValue())).status()).isEqualTo(201));
        assertThat(qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "PT provider")).status())
                .isEqualTo(200);

        JsonNode rows = qc.get("/api/eqa/rounds/" + round + "/results").body().path("rows");
        assertThat(rows).hasSize(43);
        Map<Integer, JsonNode> byLab = new HashMap<>();
        Map<String, Integer> classes = new HashMap<>();
        rows.forEach(r -> {
            String lab = r.path("labCode").asText();
            byLab.put(Integer.parseInt(lab.substring(2, lab.indexOf('-'))), r);
            classes.merge(r.path("zCategory").asText(), 1, Integer::sum);
        });
        assertThat(classes).containsOnly(Map.entry("SATISFACTORY", 38), Map.entry("QUESTIONABLE", 3),
                Map.entry("UNSATISFACTORY", 2));
        Map<Integer, String[]> handChecked = Map.of(
                16, new String[]{"0.0000", "SATISFACTORY"},
                79, new String[]{"1.8889", "SATISFACTORY"},
                35, new String[]{"-2.5444", "QUESTIONABLE"},
                41, new String[]{"-2.4556", "QUESTIONABLE"},
                77, new String[]{"2.5556", "QUESTIONABLE"},
                49, new String[]{"3.5556", "UNSATISFACTORY"},
                56, new String[]{"-8.5222", "UNSATISFACTORY"});
        handChecked.forEach((lab, expected) -> {
            JsonNode row = byLab.get(lab);
            assertThat(row.path("z").decimalValue()).as("lab %d z", lab).isEqualByComparingTo(expected[0]);
            assertThat(row.path("zCategory").asText()).as("lab %d class", lab).isEqualTo(expected[1]);
            assertThat(row.path("acceptable").asBoolean()).isEqualTo("SATISFACTORY".equals(expected[1]));
            assertThat(row.path("allowed").decimalValue()).isEqualByComparingTo("1.8");
        });
    }
}

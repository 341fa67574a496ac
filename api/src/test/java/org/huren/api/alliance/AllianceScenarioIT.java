package org.huren.api.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.domain.assessment.Dimension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A QC manager's workflow over HTTP, read back through the read models: form an alliance, enrol a core,
 * a secondary and a community lab, seed the catalog, assess and accredit each lab for its own items,
 * withdraw one accreditation, and read the overview and the history.
 */
@HurenIntegrationTest
class AllianceScenarioIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Autowired
    JdbcTemplate jdbc;

    /** Valid for two more years from today, so the assertions hold whatever day the suite runs. */
    static final String UNTIL = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(2).toString();

    ApiClient qc;
    String alliance;
    String core;
    String secondary;
    String community;

    @BeforeEach
    void setUp() {
        qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alliance = "scn-" + suffix;
        core = "CORE-" + suffix;
        secondary = "SEC-" + suffix;
        community = "CHC-" + suffix;
    }

    @Test
    void aQcManagerFormsAnAllianceAccreditsItsLabsAndReadsTheOverview() {
        Map<String, Object> form = Map.of("allianceId", alliance, "name", "江城医联体", "kind", "CITY_GROUP",
                "integration", "TIGHT", "coreInstitution", "江城市中心医院");
        assertThat(qc.post("/api/alliances", form).status()).isEqualTo(201);
        assertThat(qc.post("/api/alliances", form).status()).as("idempotent").isEqualTo(200);

        enrol(core, "江城市中心医院检验科", "CORE", "91420100MA4K000001");
        enrol(secondary, "江城区人民医院检验科", "SECONDARY", "91420100MA4K000002");
        enrol(community, "长江街社区卫生服务中心", "COMMUNITY", "91420100MA4K000003");
        assertThat(qc.post("/api/alliances/" + alliance + "/catalog/default", null).status()).isEqualTo(200);
        assertThat(qc.get("/api/alliances/" + alliance + "/catalog").body()).hasSize(40);

        String coreAssessment = accredit(core, List.of("K", "NA", "GLU", "ALT"));
        accredit(secondary, List.of("K", "GLU"));
        accredit(community, List.of("GLU"));

        ApiClient.Answer withdrawal = qc.post("/api/alliances/" + alliance + "/members/" + core
                        + "/accreditations/ALT/withdrawal",
                Map.of("reason", "ALT EQA failed twice; discovered late", "effectiveAt", "2026-10-15T00:00:00Z"));
        assertThat(withdrawal.status()).isEqualTo(200);
        ApiClient.Answer retriedClosure = qc.post("/api/assessments/" + coreAssessment + "/closure", Map.of("outcome",
                "ACCREDITED", "itemCodes", List.of("K", "NA", "GLU", "ALT"), "validUntil", UNTIL, "closedBy", "王强"));
        assertThat(retriedClosure.status()).as("a retried closing is harmless").isEqualTo(200);
        refused(422, "effectiveAt", () -> qc.post("/api/alliances/" + alliance + "/members/" + core
                + "/accreditations/K/withdrawal", Map.of("reason", "planned", "effectiveAt", "2099-01-01T00:00:00Z")));

        JsonNode overview = qc.get("/api/alliances/" + alliance + "/overview").body();
        assertThat(overview.path("alliance").path("name").asText()).isEqualTo("江城医联体");
        assertThat(overview.path("itemCodes")).hasSize(40);
        Map<String, Map<String, JsonNode>> cells = cells(overview);
        assertThat(cells.keySet()).containsExactlyInAnyOrder(core, secondary, community);
        assertThat(cells.get(core).get("K").path("accredited").asBoolean()).isTrue();
        assertThat(cells.get(core).get("K").path("since").asText()).isEqualTo("2026-10-01");
        assertThat(cells.get(core).get("K").path("until").asText()).isEqualTo(UNTIL);
        assertThat(cells.get(core).get("ALT").path("status").asText()).as("not re-accredited by the retry")
                .isEqualTo("WITHDRAWN");
        assertThat(cells.get(core).get("K").path("assessedBy").toString()).contains("李明");
        assertThat(cells.get(core).get("ALT").path("accredited").asBoolean()).isFalse();
        assertThat(cells.get(core).get("ALT").path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(cells.get(secondary).get("GLU").path("accredited").asBoolean()).isTrue();
        assertThat(cells.get(secondary).get("NA").path("status").asText()).isEqualTo("NONE");
        assertThat(cells.get(community).get("GLU").path("accredited").asBoolean()).isTrue();
        assertThat(cells.get(community).get("K").path("accredited").asBoolean()).isFalse();

        JsonNode history = qc.get("/api/alliances/" + alliance + "/members/" + core + "/accreditation-history")
                .body();
        assertThat(history).hasSize(5);
        JsonNode last = history.get(4);
        assertThat(last.path("itemCode").asText()).isEqualTo("ALT");
        assertThat(last.path("change").asText()).isEqualTo("WITHDRAWN");
        assertThat(last.path("effectiveAt").asText()).startsWith("2026-10-15T00:00");
        assertThat(last.path("reason").asText()).contains("EQA");
        assertThat(last.path("eventType").asText()).isEqualTo("AccreditationWithdrawn");
        assertThat(last.path("eventId").asText()).isNotBlank();
        assertThat(history.get(0).path("eventType").asText()).isEqualTo("LabAccredited");
        assertThat(history.get(0).path("assessmentId").asText()).isNotBlank();
    }

    @Test
    void theCatalogAnswersEachDateWithTheVersionThenInForce() {
        formWithCatalog();
        Map<String, Object> amended = new HashMap<>(potassium());
        amended.put("teaPercent", 5);
        amended.put("effectiveFrom", "2026-06-01");
        assertThat(qc.put("/api/alliances/" + alliance + "/catalog/items/K", amended).status()).isEqualTo(200);
        assertThat(qc.post("/api/alliances/" + alliance + "/catalog/items/AMY/retirement",
                Map.of("effectiveFrom", "2026-09-01", "reason", "not in the 2026 regional list")).status())
                .isEqualTo(200);

        JsonNode before = qc.get("/api/alliances/" + alliance + "/catalog/items/K?asOf=2026-01-01").body();
        assertThat(before.path("version").asInt()).isEqualTo(1);
        assertThat(before.path("item").path("allowableError").path("percent").decimalValue()).isEqualByComparingTo("6");
        JsonNode after = qc.get("/api/alliances/" + alliance + "/catalog/items/K?asOf=2026-07-01").body();
        assertThat(after.path("version").asInt()).isEqualTo(2);
        assertThat(after.path("item").path("allowableError").path("percent").decimalValue()).isEqualByComparingTo("5");

        List<String> current = codes(qc.get("/api/alliances/" + alliance + "/catalog?asOf=2026-10-01").body());
        assertThat(current).doesNotContain("AMY").contains("K").hasSize(39);
        List<String> withRetired = codes(qc.get("/api/alliances/" + alliance
                + "/catalog?asOf=2026-10-01&includeRetired=true").body());
        assertThat(withRetired).contains("AMY").hasSize(40);
        assertThat(codes(qc.get("/api/alliances/" + alliance + "/catalog?asOf=2026-08-31").body())).contains("AMY");
    }

    @Test
    void everyRefusalSaysWhyNamesTheFieldAndChangesNothing() {
        formWithCatalog();
        enrol(core, "江城市中心医院检验科", "CORE", "91420100MA4K000009");

        refused(400, "name", () -> qc.post("/api/alliances", Map.of("allianceId", alliance + "x", "kind",
                "CITY_GROUP", "integration", "TIGHT", "coreInstitution", "x")));
        refused(400, "kind", () -> qc.post("/api/alliances", Map.of("allianceId", alliance + "y", "name", "n",
                "kind", "VILLAGE", "integration", "TIGHT", "coreInstitution", "x")));
        refused(409, "allianceId", () -> qc.post("/api/alliances", Map.of("allianceId", alliance, "name",
                "another name", "kind", "CITY_GROUP", "integration", "TIGHT", "coreInstitution", "x")));
        refused(404, "allianceId", () -> qc.post("/api/alliances/no-such-alliance/members", Map.of("labCode",
                "X1", "institution", "x", "level", "CORE")));
        refused(400, "level", () -> qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", "X2",
                "institution", "x")));
        refused(400, "labCode", () -> qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode",
                "has spaces", "institution", "x", "level", "CORE")));
        refused(409, "labCode", () -> qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", core,
                "institution", "another institution", "level", "CORE")));
        refused(400, "reason", () -> qc.post("/api/alliances/" + alliance + "/members/" + core + "/suspension",
                Map.of("reason", "")));
        refused(422, "labCode", () -> qc.post("/api/alliances/" + alliance + "/members/NOBODY/suspension",
                Map.of("reason", "r")));
        refused(422, "labCode", () -> qc.post("/api/assessments", Map.of("allianceId", alliance,
                "labCode", "NOBODY", "assessors", List.of("李明"), "visitDate", "2026-10-01")));
        refused(409, "itemCode", () -> qc.post("/api/alliances/" + alliance + "/members/" + core
                + "/accreditations/K/withdrawal", Map.of("reason", "r", "effectiveAt", "2026-10-15T00:00:00Z")));

        Map<String, Object> earlier = new HashMap<>(potassium());
        earlier.put("effectiveFrom", "2020-01-01");
        refused(422, "item.effectiveFrom", () -> qc.put("/api/alliances/" + alliance + "/catalog/items/K", earlier));
        Map<String, Object> badUnit = new HashMap<>(potassium());
        badUnit.put("code", "K3");
        badUnit.put("loinc", "99998-1");
        badUnit.put("alternatives", List.of());
        badUnit.put("ucumUnit", "millimole per litre");
        refused(422, "ucumUnit", () -> qc.post("/api/alliances/" + alliance + "/catalog/items", badUnit));
        Map<String, Object> noTea = new HashMap<>(potassium());
        noTea.put("code", "K2");
        noTea.put("loinc", "99999-9");
        noTea.remove("teaAbsolute");
        noTea.remove("teaPercent");
        refused(422, "teaPercent", () -> qc.post("/api/alliances/" + alliance + "/catalog/items", noTea));

        String assessment = open(core);
        String reused = "req-" + alliance;
        assertThat(qc.post("/api/assessments", Map.of("allianceId", alliance, "labCode", core, "assessors",
                List.of("李明"), "visitDate", "2026-10-02", "requestId", reused)).status()).isEqualTo(201);
        refused(409, "requestId", () -> qc.post("/api/assessments", Map.of("allianceId", alliance, "labCode", core,
                "assessors", List.of("李明"), "visitDate", "2026-10-03", "requestId", reused)));
        refused(400, "dimension", () -> qc.put("/api/assessments/" + assessment + "/scores/HAIRCUTS",
                Map.of("verdict", "PASS")));
        refused(422, "findings", () -> qc.put("/api/assessments/" + assessment + "/scores/IQC",
                Map.of("verdict", "FAIL")));
        refused(422, "scores", () -> qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome",
                "ACCREDITED", "itemCodes", List.of("K"), "validUntil", UNTIL, "closedBy", "王强")));
        for (Dimension dimension : Dimension.values()) {
            qc.put("/api/assessments/" + assessment + "/scores/" + dimension, Map.of("verdict", "PASS"));
        }
        refused(422, "itemCodes", () -> qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome",
                "ACCREDITED", "itemCodes", List.of("K", "NOT-AN-ITEM"), "validUntil", UNTIL,
                "closedBy", "王强")));
        assertThat(qc.get("/api/assessments/" + assessment).body().path("status").asText())
                .as("the refused accreditation left the assessment open").isEqualTo("OPEN");
        assertThat(qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome", "NOT_ACCREDITED",
                "closedBy", "王强")).status()).isEqualTo(200);
        assertThat(qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome", "NOT_ACCREDITED",
                "closedBy", "王强")).status()).as("a retried closing is answered as it was").isEqualTo(200);
        refused(409, "assessmentId", () -> qc.post("/api/assessments/" + assessment + "/closure",
                Map.of("outcome", "ACCREDITED", "itemCodes", List.of("K"), "validUntil", UNTIL,
                        "closedBy", "王强")));
    }

    @Test
    void anAccreditationExpiresByItselfThroughItsPersistentDeadline() {
        formWithCatalog();
        enrol(core, "江城市中心医院检验科", "CORE", "91420100MA4K000011");
        String assessment = open(core, "2020-01-06");
        for (Dimension dimension : Dimension.values()) {
            qc.put("/api/assessments/" + assessment + "/scores/" + dimension, Map.of("verdict", "PASS"));
        }
        assertThat(qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome", "ACCREDITED",
                "itemCodes", List.of("K", "NA"), "validUntil", "2020-06-30", "closedBy", "王强")).status())
                .isEqualTo(200);
        long scheduled = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class);
        assertThat(scheduled).as("the deadline is kept in PostgreSQL, not in memory").isPositive();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> qc.get("/api/alliances/" + alliance
                + "/members/" + core + "/accreditation-history").body().size() == 4);
        Map<String, JsonNode> cells = cells(qc.get("/api/alliances/" + alliance + "/overview").body()).get(core);
        assertThat(cells.get("K").path("status").asText()).isEqualTo("EXPIRED");
        assertThat(cells.get("K").path("accredited").asBoolean()).isFalse();
        JsonNode history = qc.get("/api/alliances/" + alliance + "/members/" + core + "/accreditation-history").body();
        List<String> changes = new ArrayList<>();
        history.forEach(h -> changes.add(h.path("itemCode").asText() + ":" + h.path("change").asText()));
        assertThat(changes).containsExactlyInAnyOrder("K:ACCREDITED", "NA:ACCREDITED", "K:EXPIRED", "NA:EXPIRED");
        history.forEach(h -> {
            if (h.path("change").asText().equals("EXPIRED")) {
                assertThat(h.path("effectiveAt").asText()).startsWith("2020-06-30T16:00");
                assertThat(h.path("eventType").asText()).isEqualTo("AccreditationExpired");
            }
        });
    }

    @Test
    void theRecognitionPolicyCanBeTightenedNotLoosened() {
        formWithCatalog();
        assertThat(qc.get("/api/alliances/" + alliance).body().path("recognitionPolicy")
                .path("notYetKnownBlocks").asBoolean()).isTrue();
        assertThat(qc.put("/api/alliances/" + alliance + "/recognition-policy", Map.of("notYetKnownBlocks", false,
                "iqcBracketHours", 12, "eqaMaxAgeDays", 180)).status()).isEqualTo(200);
        JsonNode policy = qc.get("/api/alliances/" + alliance).body().path("recognitionPolicy");
        assertThat(policy.path("notYetKnownBlocks").asBoolean()).isFalse();
        assertThat(policy.path("iqcBracketHours").asInt()).isEqualTo(12);
        refused(422, "eqaMaxAgeDays", () -> qc.put("/api/alliances/" + alliance + "/recognition-policy",
                Map.of("notYetKnownBlocks", true, "iqcBracketHours", 24, "eqaMaxAgeDays", 400)));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        ApiClient.Answer docs = qc.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/alliances/{allianceId}/overview")).isTrue();
        assertThat(docs.body().path("paths").has("/api/assessments/{assessmentId}/closure")).isTrue();
    }

    // ------------------------------------------------------------------ steps

    void formWithCatalog() {
        assertThat(qc.post("/api/alliances", Map.of("allianceId", alliance, "name", "江城医联体", "kind",
                "COUNTY_COMMUNITY", "integration", "TIGHT", "coreInstitution", "江城县人民医院")).status())
                .isEqualTo(201);
        assertThat(qc.post("/api/alliances/" + alliance + "/catalog/default", null).status()).isEqualTo(200);
    }

    void enrol(String lab, String institution, String level, String orgCode) {
        ApiClient.Answer answer = qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab,
                "institution", institution, "level", level, "identifiers",
                List.of(Map.of("system", "https://huren.example.org/sid/org-code", "value", orgCode))));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    }

    String open(String lab) {
        return open(lab, "2026-10-01");
    }

    String open(String lab, String visitDate) {
        ApiClient.Answer opened = qc.post("/api/assessments", Map.of("allianceId", alliance, "labCode", lab,
                "assessors", List.of("李明", "张华"), "visitDate", visitDate));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        return opened.text("assessmentId");
    }

    String accredit(String lab, List<String> items) {
        String assessment = open(lab);
        for (Dimension dimension : Dimension.values()) {
            Map<String, Object> score = dimension == Dimension.REPORT_FORMAT
                    ? Map.of("verdict", "CONDITIONAL", "findings", List.of("报告未标注互认标识 HR"))
                    : Map.of("verdict", "PASS");
            assertThat(qc.put("/api/assessments/" + assessment + "/scores/" + dimension, score).status())
                    .isEqualTo(200);
        }
        ApiClient.Answer closed = qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome",
                "ACCREDITED", "itemCodes", items, "validUntil", UNTIL, "closedBy", "王强"));
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        JsonNode view = qc.get("/api/assessments/" + assessment).body();
        assertThat(view.path("status").asText()).isEqualTo("CLOSED");
        assertThat(view.path("scores")).hasSize(11);
        return assessment;
    }

    Map<String, Object> potassium() {
        Map<String, Object> item = new HashMap<>();
        item.put("code", "K");
        item.put("nameZh", "钾");
        item.put("nameEn", "Potassium");
        item.put("category", "chemistry");
        item.put("loinc", "2823-3");
        item.put("ucumUnit", "mmol/L");
        item.put("alternatives", List.of(Map.of("loinc", "6298-4", "ucumUnit", "mmol/L", "factor", 1)));
        item.put("teaAbsolute", 0.2);
        item.put("teaPercent", 6);
        item.put("cvMaxPercent", 2.5);
        item.put("biasMaxPercent", 2.0);
        item.put("validityDays", 7);
        item.put("limitSet", "WS/T 403-2024");
        item.put("effectiveFrom", "2024-11-01");
        return item;
    }

    void refused(int status, String field, java.util.function.Supplier<ApiClient.Answer> request) {
        long events = eventStore.eventCount();
        ApiClient.Answer answer = request.get();
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("detail")).as("a message").isNotBlank();
        assertThat(answer.text("field")).as(answer.body().toString()).isEqualTo(field);
        assertThat(eventStore.eventCount()).as("nothing changed").isEqualTo(events);
    }

    static List<String> codes(JsonNode catalog) {
        List<String> codes = new ArrayList<>();
        catalog.forEach(v -> codes.add(v.path("item").path("code").asText()));
        return codes;
    }

    static Map<String, Map<String, JsonNode>> cells(JsonNode overview) {
        Map<String, Map<String, JsonNode>> cells = new HashMap<>();
        for (JsonNode row : overview.path("labs")) {
            Map<String, JsonNode> items = new HashMap<>();
            row.path("items").forEach(cell -> items.put(cell.path("itemCode").asText(), cell));
            cells.put(row.path("member").path("labCode").asText(), items);
        }
        return cells;
    }
}

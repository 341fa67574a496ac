package org.huren.api.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.huren.api.support.Workbooks;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alliance's catalog from a health commission's regional list (ADR 0017): the rows HuRen's reference catalog
 * knows are published, by LOINC or by name, the others reported with the reason; a dry run publishes nothing; the
 * same list again finds its items in the catalog; a list without a name column is refused naming it.
 */
@HurenIntegrationTest
class CatalogImportIT {

    static final String LIST = "/localcodes/regional-catalog-list.csv";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Test
    void aRegionalListPublishesTheItemsItMatchesAndReportsTheRest() throws Exception {
        String alliance = "cat-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient qc = new ApiClient(port);
        new AllianceSteps(qc).form(alliance, "省卫健委互认目录医联体", "CITY_GROUP", "LOOSE");
        byte[] workbook = Workbooks.xlsx(LIST, "互认项目目录", "2026年度检验结果互认项目目录");

        long events = eventStore.eventCount();
        JsonNode dryRun = JSON.readTree(post(alliance, "dryRun=true", workbook,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body());
        assertThat(dryRun.path("published").asInt()).isEqualTo(7);
        assertThat(eventStore.eventCount()).as("a dry run stores nothing").isEqualTo(events);

        HttpResponse<String> imported = post(alliance, "effectiveFrom=2026-01-01", workbook,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("rows").asInt()).isEqualTo(11);
        assertThat(report.path("published").asInt()).isEqualTo(7);
        assertThat(report.path("unmatched").asInt()).isEqualTo(4);
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        report.path("items").forEach(item -> byName.put(item.path("nameZh").asText(), item));
        assertThat(byName.get("谷丙转氨酶").path("itemCode").asText()).isEqualTo("ALT");
        assertThat(byName.get("谷丙转氨酶").path("matchedBy").asText()).isEqualTo("NAME_ZH");
        assertThat(byName.get("白细胞计数(WBC)").path("matchedBy").asText()).isEqualTo("LOINC");
        assertThat(byName.get("C反应蛋白").path("reason").asText()).contains("LOINC 1988-5");
        assertThat(byName.get("尿葡萄糖").path("reason").asText()).contains("specimen 尿液");
        assertThat(byName.get("糖化血红蛋白").path("reason").asText()).contains("mmol/mol");
        assertThat(byName.get("血沉").path("outcome").asText()).isEqualTo("UNMATCHED");

        qc.awaitPosition(Long.parseLong(imported.headers().firstValue(HurenHeaders.EVENT_POSITION).orElseThrow()));
        JsonNode catalog = qc.get("/api/alliances/" + alliance + "/catalog?asOf=2026-06-01").body();
        assertThat(StreamSupport.stream(catalog.spliterator(), false).map(v -> v.path("item").path("code").asText()))
                .containsExactlyInAnyOrder("K", "NA", "CL", "GLU", "ALT", "CREA", "WBC");
        JsonNode potassium = StreamSupport.stream(catalog.spliterator(), false)
                .filter(v -> v.path("item").path("code").asText().equals("K")).findFirst().orElseThrow();
        assertThat(potassium.path("item").path("plausibleRange").path("high").decimalValue())
                .isEqualByComparingTo("15");

        // the same list again, as GBK-encoded CSV from a Chinese desktop: every matched item is in the catalog
        String csv = String.join("\n", Workbooks.csv(LIST).stream().map(r -> String.join(",", r.toList())).toList());
        JsonNode again = JSON.readTree(post(alliance, "", csv.getBytes(Charset.forName("GBK")),
                "text/csv; charset=GBK").body());
        assertThat(again.path("published").asInt()).isZero();
        assertThat(again.path("inCatalog").asInt()).isEqualTo(7);

        HttpResponse<String> noName = post(alliance, "", "单位,LOINC\nmmol/L,2823-3\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(noName.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(noName.body()).path("field").asText()).isEqualTo("name");
    }

    HttpResponse<String> post(String alliance, String query, byte[] body, String contentType) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/alliances/" + alliance + "/catalog/imports?" + query))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

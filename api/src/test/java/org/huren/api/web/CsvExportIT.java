package org.huren.api.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QC managers' tables as a spreadsheet downloads them ({@code Accept: text/csv}): a header row, UTF-8 with
 * Chinese text intact, RFC 4180 quoting (a comma, a quote, a line break in a finding's description survive a
 * standard parser), numbers as plain decimals, an attachment with a file name, and a byte order mark on
 * {@code ?bom=true} only.
 */
@HurenIntegrationTest
class CsvExportIT {

    /** Commas, quotes and a line break: everything RFC 4180 quotes. */
    private static final String DESCRIPTION = "失控后未记录纠正措施, 见\"IQC 日志\"\n第2页";

    @LocalServerPort
    int port;

    ApiClient qc;
    String alliance;
    String lab;

    @BeforeEach
    void alliance() {
        qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alliance = "csv-" + suffix;
        lab = "CSV-" + suffix.toUpperCase();
        assertThat(qc.post("/api/alliances", Map.of("allianceId", alliance, "name", "导出医联体", "kind",
                "CITY_GROUP", "integration", "TIGHT", "coreInstitution", "市人民医院")).status()).isEqualTo(201);
        assertThat(qc.post("/api/alliances/" + alliance + "/catalog/default", null).status()).isEqualTo(200);
        assertThat(qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab, "institution",
                "社区卫生服务中心检验室", "level", "COMMUNITY")).status()).isEqualTo(201);
    }

    @Test
    void auditFindingsKeepChineseTextAndQuoteWhatRfc4180Quotes() throws IOException {
        ApiClient.Answer audit = qc.post("/api/audits", Map.of("requestId", "csv-audit", "allianceId", alliance,
                "labCode", lab, "kind", "UNANNOUNCED", "auditors", List.of("王芳"), "auditDate", "2025-05-20",
                "openedBy", "王芳"));
        assertThat(audit.status()).as(audit.body().toString()).isEqualTo(201);
        String auditId = audit.text("auditId");
        assertThat(qc.post("/api/audits/" + auditId + "/findings", Map.of("findingId", "F1", "dimension", "IQC",
                "severity", "MINOR", "description", DESCRIPTION, "affectedItems", List.of("GLU", "K"),
                "recordedBy", "王芳")).status()).isEqualTo(201);

        HttpResponse<String> answer = csv("/api/audits/findings?alliance=" + alliance);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv")
                .contains("charset=UTF-8").contains("header=present");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"audit-findings-" + alliance + ".csv\"");
        assertThat(answer.body()).doesNotStartWith("\uFEFF");
        // RFC 4180: the field in quotes, its quotes doubled, its line break kept; lines end in CRLF
        assertThat(answer.body()).contains("\"失控后未记录纠正措施, 见\"\"IQC 日志\"\"\n第2页\"").contains("\r\n");

        List<CSVRecord> rows = parse(answer.body());
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        assertThat(row.get("description")).isEqualTo(DESCRIPTION);
        assertThat(row.get("labCode")).isEqualTo(lab);
        assertThat(row.get("affectedItems")).isEqualTo("GLU; K");
        assertThat(row.get("severity")).isEqualTo("MINOR");
        assertThat(row.get("overdue")).isEqualTo("false");
        assertThat(row.get("owner")).isEmpty();
        assertThat(row.get("recordedAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void aByteOrderMarkOnRequestForExcel() throws IOException {
        HttpResponse<String> answer = csv("/api/alliances/" + alliance + "/reuse-kpis?by=LAB&bom=true");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).startsWith("\uFEFFgroup,lookups,recognitions,");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename=\"reuse-kpis-" + alliance + "-LAB.csv\"");
        assertThat(csv("/api/alliances/" + alliance + "/recognition-rates?by=ITEM").body())
                .startsWith("group,results,recognized,notRecognized,withdrawn,pending,ratePercent\r\n");
    }

    @Test
    void eqaResultsAndIqcRunsHavePlainDecimals() throws IOException {
        ApiClient.Answer round = qc.post("/api/eqa/rounds", Map.of("requestId", "csv-round", "allianceId", alliance,
                "provider", "ALLIANCE_CORE_LAB", "title", "血糖 第1次", "items", List.of(Map.of("itemCode", "GLU")),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", "GLU", "assigned", 5.6,
                        "sdForProficiency", 0.2)),
                "participants", List.of(lab), "deadline", "2030-01-01T00:00:00Z", "ruleSet", "NCCL",
                "openedBy", "李明"));
        assertThat(round.status()).as(round.body().toString()).isEqualTo(201);
        String roundId = round.text("roundId");
        assertThat(qc.post("/api/eqa/rounds/" + roundId + "/results", Map.of("labCode", lab, "sampleCode", "S1",
                "itemCode", "GLU", "value", new java.math.BigDecimal("5.60001"), "unit", "mmol/L"))
                .status()).isEqualTo(201);
        assertThat(qc.post("/api/eqa/rounds/" + roundId + "/closure", Map.of("closedBy", "李明")).status())
                .isEqualTo(200);

        HttpResponse<String> results = csv("/api/eqa/rounds/" + roundId + "/results");
        assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
        assertThat(results.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename=\"eqa-results-" + roundId + ".csv\"");
        CSVRecord row = parse(results.body()).get(0);
        assertThat(row.get("value")).isEqualTo("5.60001");
        assertThat(row.get("difference")).isEqualTo("0.00001");
        assertThat(row.get("acceptable")).isEqualTo("true");
        assertThat(row.get("zCategory")).isEqualTo("SATISFACTORY");
        assertThat(row.get("z")).matches("-?\\d+(\\.\\d+)?");

        assertThat(csv("/api/eqa/history?alliance=" + alliance).body()).startsWith(
                "labCode,itemCode,roundId,kind,gradedAt,scorePercent,satisfactory,standing,trend\r\n");

        String iqc = "/api/iqc/" + lab + "/GLU";
        assertThat(qc.put(iqc + "/levels/1/lots/L1", Map.of("material", "质控品 水平1", "mean", 5.5, "sd", 0.1))
                .status()).isEqualTo(200);
        assertThat(qc.post(iqc + "/runs", Map.of("runId", "R1", "runAt", "2025-05-20T00:30:00Z", "results",
                List.of(Map.of("level", "1", "value", 5.75)))).status()).isEqualTo(200);
        CSVRecord run = parse(csv(iqc + "/runs").body()).get(0);
        assertThat(run.get("runId")).isEqualTo("R1");
        assertThat(run.get("status")).isEqualTo("WARNING");
        assertThat(run.get("rules")).isEqualTo("1-2s");
        assertThat(run.isMapped("violations")).isFalse();
    }

    /** An error stays problem+json, whatever the client accepts. */
    @Test
    void anErrorOfATableIsProblemJson() throws IOException {
        HttpResponse<String> answer = csv("/api/eqa/rounds/no-such-round/results");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private HttpResponse<String> csv(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork()))
                .header("Accept", "text/csv")
                .header(HurenHeaders.AWAIT_POSITION, Long.toString(Math.max(0, qc.lastPosition())))
                .header(HurenHeaders.AWAIT_MILLIS, "60000").GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }
}

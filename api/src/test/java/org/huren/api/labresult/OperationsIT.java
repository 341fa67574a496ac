package org.huren.api.labresult;

import org.huren.api.support.Tokens;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/** What an operator relies on: health, metrics, projection status, and readable events in the store. */
@HurenIntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    String get(String path) throws Exception {
        return get(path, true);
    }

    String get(String path, boolean asOperator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (asOperator) {
            request.header("Authorization", "Bearer " + Tokens.of(port, Tokens.operator()));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void publicHealthIsTheStatusAloneAndTheOperatorsViewHasTheDetail() throws Exception {
        assertThat(get("/actuator/health", false))
                .matches("\\{\"status\":\"(UP|DEGRADED)\"(,\"groups\":\\[[^]]*])?}");
        assertThat(get("/actuator/health")).contains("\"components\"").contains("\"eventProcessors\"");
        assertThat(get("/api/projections/status")).contains("\"lab-records\"");
    }

    @Test
    void prometheusExposesIngestRejectionLatencyAndLagFigures() throws Exception {
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        lis.transaction(LabData.transaction(LabData.patient(unique("110401")), potassium(unique("R"), null, "4.0")));
        double before = unknownLabRejections(get("/actuator/prometheus"));
        assertThatThrownBy(() -> new FhirTestClient("http://localhost:" + port + "/fhir", "NOT-A-LAB").transaction(
                LabData.transaction(LabData.patient(unique("110402")), potassium(unique("R"), null, "4.0"))))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException.class);
        String metrics = get("/actuator/prometheus");
        assertThat(unknownLabRejections(metrics)).as("this refusal was counted").isEqualTo(before + 1);
        assertThat(metrics)
                .contains("huren_ingest_results_total{change=\"created\",lab=\"HR-CORE\"")
                .contains("huren_ingest_rejections_total{lab=\"NOT-A-LAB\",reason=\"unknown-lab\",status=\"403\"")
                .contains("huren_ingest_request_seconds_count")
                .contains("commandBus")
                .contains("huren_projection_lag{processor=\"lab-records\"")
                .contains("huren_projection_deadletters{processor=\"lab-records\"");
    }

    static double unknownLabRejections(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("huren_ingest_rejections_total{")
                        && l.contains("reason=\"unknown-lab\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void projectionStatusTellsHowFarEachProcessorIs() throws Exception {
        assertThat(get("/api/projections/status")).contains("\"headPosition\"").contains("\"name\":\"lab-records\"")
                .contains("\"lagEvents\"");
    }

    @Test
    void eventsAreStoredAsReadableJsonWithBusinessAndRecordingTime() {
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        org.hl7.fhir.r4.model.Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("110403")),
                potassium(unique("R"), null, "4.25")));
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, LabData.idOf(response, 1));
        assertThat(payload).startsWith("{").contains("\"labId\":\"HR-CORE\"").contains("\"value\":4.25")
                .contains("\"effective\":{\"start\":\"2026-11-20T00:30:00Z\"");
        String timestamp = jdbc.queryForObject("SELECT timestamp FROM domainevententry ORDER BY globalindex DESC "
                + "LIMIT 1", String.class);
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }
}

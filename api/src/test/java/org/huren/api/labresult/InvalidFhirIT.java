package org.huren.api.labresult;

import org.huren.api.support.Tokens;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.SyntheaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official FHIR test cases of invalid input (FHIR/fhir-test-cases, Apache-2.0): each is refused with an
 * OperationOutcome and stores nothing. Posted raw, as an LIS would, to Observation or the transaction URL.
 * Which check catches each one on the default fast path is listed in ADR 0002.
 */
@HurenIntegrationTest
class InvalidFhirIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
            "obs-quantity.json,                 Observation, 422, Observation.code",
            "Observation-ex-pain.json,          Observation, 422, Observation.code",
            "observation-with-trailing-dot.json, Observation, 400, ",
            "bad-json-close-1.json,             '',          400, ",
            "bad-json-close-2.json,             '',          400, ",
            "obs-decimal.json,                  Observation, 422, Observation.subject",
            "obs-vs-2.json,                     Observation, 422, Observation.category"
    })
    void isRefusedWithAnOperationOutcomeAndNothingStored(String file, String path, int status, String expression)
            throws IOException, InterruptedException {
        String body = SyntheaData.text("invalid-fhir-test-cases/" + file);
        long events = eventStore.eventCount();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://localhost:" + port + "/fhir/" + path))
                        .header("Content-Type", "application/fhir+json")
                        .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CORE")))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("\"severity\":\"error\"");
        if (expression != null) {
            assertThat(response.body()).contains("\"expression\":[\"" + expression + "\"]");
        }
        assertThat(eventStore.eventCount()).isEqualTo(events);
    }
}

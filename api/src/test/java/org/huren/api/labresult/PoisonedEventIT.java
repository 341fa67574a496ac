package org.huren.api.labresult;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.support.Tokens;
import org.huren.api.support.ApiClient;
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
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * An event a read model cannot apply does not stall it: the event is parked as a dead letter (its sequence only),
 * later results keep appearing, health says DEGRADED and the gauge counts it — and once the cause is mended, an
 * operator's retry applies it. The database refusing one row is simulated by a CHECK constraint on the table.
 */
@HurenIntegrationTest
class PoisonedEventIT {

    static final String MARKER = "POISON-7f3a";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aResultTheReadModelRefusesIsDeadLetteredAndTheRestGoOn() throws Exception {
        long deadLettersBefore = deadLetters();
        jdbc.execute("ALTER TABLE readmodel.observation ADD CONSTRAINT poison_test "
                + "CHECK (position('" + MARKER + "' in resource) = 0) NOT VALID");
        String poisonedPatient = unique("PSN");
        String healthyPatient = unique("OK");
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        try {
            Observation poisoned = potassium(MARKER + "-" + unique("R"), null, "4.4");
            lis.transaction(LabData.transaction(LabData.patient(poisonedPatient), poisoned));
            lis.transaction(LabData.transaction(LabData.patient(healthyPatient), potassium(unique("R"), null, "4.1")));

            assertThat(results(lis, healthyPatient)).as("the segment went on past the poisoned event").hasSize(1);
            assertThat(deadLetters()).isEqualTo(deadLettersBefore + 1);
            assertThat(get("/actuator/health")).contains("\"status\":\"DEGRADED\"");
            assertThat(get("/actuator/prometheus")).contains("huren_projection_deadletters{processor=\"lab-records\"}");
            assertThat(results(lis, poisonedPatient)).isEmpty();
        } finally {
            jdbc.execute("ALTER TABLE readmodel.observation DROP CONSTRAINT poison_test");
        }

        ApiClient operator = ApiClient.operator(port);
        ApiClient.Answer retried = operator.post("/api/projections/lab-records/dead-letters/retry", null);
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(retried.body().path("deadLettersLeft").asLong()).isEqualTo(deadLettersBefore);
        assertThat(results(lis, poisonedPatient)).as("applied once the cause was mended").hasSize(1);
    }

    long deadLetters() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'lab-records'",
                Long.class);
        return count == null ? 0 : count;
    }

    static java.util.List<Bundle.BundleEntryComponent> results(FhirTestClient lis, String nationalId) {
        return lis.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.NATIONAL_ID, nationalId)))
                .returnBundle(Bundle.class).execute().getEntry();
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.operator())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}

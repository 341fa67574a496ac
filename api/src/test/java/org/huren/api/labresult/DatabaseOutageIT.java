package org.huren.api.labresult;

import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.huren.api.support.Tokens;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * PostgreSQL becomes unreachable (it refuses new connections and drops the open ones) and comes back: requests are
 * answered 503 with {@code Retry-After} — quickly, and without a word of SQL — and HuRen recovers by itself.
 */
@HurenIntegrationTest
class DatabaseOutageIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterAndHuRenRecoversByItself() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        String admin = url.replace("/postgres", "/template1");
        // taken while the database is up: the embedded authorization server keeps its clients and keys there
        String token = Tokens.of(port, Tokens.qcNetwork());
        try (Connection superuser = DriverManager.getConnection(admin, "postgres", "postgres")) {
            try {
                outage(superuser, true);

                long started = System.nanoTime();
                HttpResponse<String> read = get("/fhir/Observation?code=2823-3", token);
                assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
                assertThat(read.headers().firstValue("Retry-After")).isPresent();
                assertThat(read.body()).contains("OperationOutcome").doesNotContainIgnoringCase("sql")
                        .doesNotContain("Exception").doesNotContain("postgres");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

                long next = System.nanoTime();
                HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/alliances"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"allianceId\":\"down\",\"name\":\"n\",\"kind\":\"CITY_GROUP\","
                                        + "\"integration\":\"TIGHT\",\"coreInstitution\":\"c\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
                assertThat(write.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(write.headers().firstValue("Retry-After")).isPresent();
                assertThat(write.body()).doesNotContainIgnoringCase("sql");
                assertThat(Duration.ofNanos(System.nanoTime() - next)).as("answered at once while it is down")
                        .isLessThan(Duration.ofSeconds(1));
            } finally {
                outage(superuser, false);
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/fhir/Observation?code=2823-3&_count=1").statusCode() == 200);
        FhirTestClient lis = new FhirTestClient(base() + "/fhir", "HR-CORE");
        String nationalId = unique("BACK");
        lis.transaction(LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null, "4.3")));
        HttpResponse<String> caughtUp = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/fhir/Observation?patient.identifier=" + LabData.NATIONAL_ID + "%7C" + nationalId))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork()))
                .header("X-HuRen-Await-Position", Long.toString(lis.lastPosition()))
                .header("X-HuRen-Await-Millis", "60000").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(caughtUp.statusCode()).as("every read model caught up again").isEqualTo(200);
        assertThat(caughtUp.body()).contains("2823-3");
    }

    String base() {
        return "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, Tokens.of(port, Tokens.qcNetwork()));
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The database refuses new connections and drops open ones — or takes them again. */
    static void outage(Connection superuser, boolean down) throws Exception {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS " + !down);
            if (down) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = 'postgres' AND pid <> pg_backend_pid()");
            }
        }
    }
}

package org.huren.api.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's guided path to a first recognized result, request by request as
 * {@code docs/quickstart/first-recognized-result.sh} makes them, with the same files: a newcomer following it gets
 * a result of HR-SEC1 that HR-CORE may reuse.
 */
@HurenIntegrationTest
class QuickStartIT {

    static final Path FILES = Path.of("..", "docs", "quickstart");
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theGuidedPathEndsWithARecognizedResultThatAnotherLabMayReuse() throws Exception {
        String qc = Tokens.clientCredentials(port, "huren-qc-network", Tokens.DEMO_SECRET);
        assertThat(send("PUT", "/api/alliances/demo/recognition-policy", qc, "application/json",
                file("policy.json")).statusCode()).isEqualTo(200);

        HttpResponse<String> opened = send("POST", "/api/assessments", qc, "application/json",
                file("assessment.json"));
        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201);
        String assessment = JSON.readTree(opened.body()).path("assessmentId").asText();
        String script = Files.readString(FILES.resolve("first-recognized-result.sh"));
        Matcher loop = Pattern.compile("for d in ([A-Z_ \\\\\\n]+); do").matcher(script);
        assertThat(loop.find()).isTrue();
        List<String> dimensions = List.of(loop.group(1).replace("\\", " ").trim().split("\\s+"));
        assertThat(dimensions).as("the script scores every dimension").hasSize(11);
        for (String dimension : dimensions) {
            HttpResponse<String> scored = send("PUT", "/api/assessments/" + assessment + "/scores/" + dimension, qc,
                    "application/json", file("score.json"));
            assertThat(scored.statusCode()).as(dimension + " " + scored.body()).isEqualTo(200);
        }
        HttpResponse<String> closed = send("POST", "/api/assessments/" + assessment + "/closure", qc,
                "application/json", file("accreditation.json"));
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);

        String lis = Tokens.clientCredentials(port, "lis-hr-sec1", Tokens.DEMO_SECRET);
        HttpResponse<String> posted = send("POST", "/fhir", lis, "application/fhir+json", file("bundle.json"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        String position = posted.headers().firstValue("X-HuRen-Event-Position").orElseThrow();

        String core = Tokens.clientCredentials(port, "lis-hr-core", Tokens.DEMO_SECRET);
        HttpResponse<String> reusable = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/Observation/$reusable?alliance=demo&patient.identifier="
                        + encode("https://huren.example.org/sid/national-id|110101199003071233")
                        + "&code=" + encode("http://loinc.org|2823-3")))
                .header("Authorization", "Bearer " + core).header("X-HuRen-Await-Position", position)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reusable.statusCode()).as(reusable.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(reusable.body());
        assertThat(parameter(answer, "reusable").path("valueBoolean").asBoolean()).as(reusable.body()).isTrue();
        assertThat(reusable.body()).contains("Organization/HR-SEC1").contains("validUntil").contains("\"K\"");
    }

    private static JsonNode parameter(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters.path("parameter")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        return JSON.missingNode();
    }

    /** A file of the guided path, its placeholders filled in as the script's {@code fill} does. */
    private static String file(String name) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Files.readString(FILES.resolve(name)).replace("@TODAY@", today.toString())
                .replace("@NOW@", now.toString()).replace("@VALID_UNTIL@", (today.getYear() + 2) + "-12-31");
    }

    private HttpResponse<String> send(String method, String path, String token, String type, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

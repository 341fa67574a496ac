package org.huren.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error under {@code /api} is {@code application/problem+json} with HuRen's {@code type}, the status, the path
 * as {@code instance}, a stable {@code rule} and the {@code field} at fault (present, null when nothing is) — also the
 * refusals Spring MVC or the servlet container make before any controller runs: an unknown path, a method the path
 * does not allow, an {@code Accept} or {@code Content-Type} that cannot be served, and a path the firewall rejects.
 */
@HurenIntegrationTest
class ApiErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, JsonNode body, HttpResponse<String> response) {
    }

    @Test
    void anUnknownPathIs404() {
        JsonNode problem = problem(send("GET", "/api/no-such-thing", null, null, null), 404, "unknown-path", null);
        assertThat(problem.path("detail").asText()).contains("/api/no-such-thing");
    }

    @Test
    void anUnknownIdIs404NamingIt() {
        problem(send("GET", "/api/alliances/no-such-alliance", null, null, null), 404, "not-found", "allianceId");
        problem(send("GET", "/api/audits/no-such-audit", null, null, null), 404, "not-found", "auditId");
    }

    @Test
    void aMethodThePathDoesNotAllowIs405WithAllow() {
        Answer answer = send("DELETE", "/api/alliances", null, null, null);
        problem(answer, 405, "method-not-allowed", null);
        assertThat(answer.response().headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
    }

    @Test
    void anAcceptThatCannotBeServedIs406() {
        problem(send("GET", "/api/alliances", "application/xml", null, null), 406, "not-acceptable", "Accept");
        // CSV is for the QC tables only
        problem(send("GET", "/api/alliances", "text/csv", null, null), 406,
                "not-acceptable", "Accept");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        problem(send("POST", "/api/alliances", null, "text/plain;charset=UTF-8", "allianceId=x"), 415,
                "unsupported-media-type", "Content-Type");
    }

    @Test
    void malformedJsonIs400() {
        problem(send("POST", "/api/alliances", null, "application/json", "{\"allianceId\": "), 400,
                "unreadable-request", null);
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        problem(send("PUT", "/api/alliances/demo/recognition-policy", null, "application/json",
                "{\"notYetKnownBlocks\": true, \"iqcBracketHours\": \"twelve\", \"eqaMaxAgeDays\": 365}"), 400,
                "unreadable-request", "iqcBracketHours");
        problem(send("POST", "/api/assessments", null, "application/json",
                "{\"allianceId\": \"demo\", \"labCode\": \"HR-SEC1\", \"assessors\": \"李明\", "
                        + "\"visitDate\": \"2025-03-10\"}"), 400, "unreadable-request", "assessors");
        problem(send("PUT", "/api/assessments/x/scores/NO_SUCH_DIMENSION", null, "application/json",
                "{\"verdict\": \"PASS\"}"), 400, "invalid-parameter", "dimension");
        problem(send("GET", "/api/alliances/demo/catalog?asOf=yesterday", null, null, null), 400,
                "invalid-parameter", "asOf");
    }

    @Test
    void aMissingFieldOrParameterIs400NamingIt() {
        JsonNode problem = problem(send("POST", "/api/eqa/corrective-actions", null, "application/json",
                "{\"allianceId\": \"demo\"}"), 400, "invalid-request");
        // bean validation names the first field refused, and all of them in errors
        assertThat(problem.path("field").asText()).isNotEmpty();
        assertThat(problem.path("errors").size()).isGreaterThan(1);
        problem(send("GET", "/api/eqa/rounds", null, null, null), 400, "missing-parameter", "alliance");
    }

    @Test
    void aPathTheFirewallRejectsIs400() {
        problem(send("GET", "/api/alliances/demo/%2e%2e/members", null, null, null), 400, "bad-request", null);
    }

    @Test
    void withoutATokenIs401() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alliances"))
                .GET().build();
        problem(exchange(request), 401, "unauthenticated", "Authorization");
    }

    private JsonNode problem(Answer answer, int status, String rule, String field) {
        JsonNode body = problem(answer, status, rule);
        String what = answer.status() + " " + body;
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.has("field")).as(what).isTrue();
        assertThat(body.path("field").isNull() ? null : body.path("field").asText()).as(what).isEqualTo(field);
        return body;
    }

    /** A problem whose field is not checked here. */
    private JsonNode problem(Answer answer, int status, String rule) {
        String what = answer.status() + " " + answer.body();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        JsonNode body = answer.body();
        assertThat(body.path("rule").asText()).as(what).isEqualTo(rule);
        assertThat(body.path("type").asText()).as(what).isEqualTo("https://huren.org/problems/" + rule);
        assertThat(body.path("title").asText()).as(what).isNotEmpty();
        assertThat(body.path("instance").asText()).as(what).startsWith("/api/");
        return body;
    }

    private Answer send(String method, String path, String accept, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

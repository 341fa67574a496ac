package org.huren.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.huren.domain.assessment.Dimension;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client generated from the OpenAPI document sends: every documented request body's example, posted as it
 * stands to its operation — in the order a QC manager works (form the alliance of the examples, enrol its lab, seed the
 * catalog, assess, audit, run EQA and IQC) — is accepted, never refused for its shape (400, 415). The three closures
 * (assessment, audit, EQA round) succeed. Every 201's {@code Location} is read back by the same caller (200). An
 * operation with a body the walk does not know fails the test: a new write needs its example walked here.
 */
@HurenIntegrationTest
class DocumentedExamplesIT {

    /** Any answer but a refusal of the request's form. */
    private static final int NOT_A_SCHEMA_REFUSAL = -1;
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @LocalServerPort
    int port;

    private record Step(String method, String path, int expected, String capture) {
    }

    @Test
    void everyDocumentedExampleIsAccepted() {
        ApiClient qc = new ApiClient(port);
        JsonNode doc = qc.get("/v3/api-docs").body();
        JsonNode schemas = doc.path("components").path("schemas");
        Map<String, JsonNode> examples = new HashMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String ref = op.getValue().at("/requestBody/content/application~1json/schema/$ref").asText();
            if (!ref.isEmpty()) {
                examples.put(op.getKey().toUpperCase() + " " + path.getKey(),
                        schemas.path(ref.replace("#/components/schemas/", "")).path("example"));
            }
        }));

        List<Step> walk = new ArrayList<>(List.of(
                new Step("POST", "/api/alliances", 201, null),
                new Step("POST", "/api/alliances/{allianceId}/catalog/default", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/members", 201, null),
                new Step("POST", "/api/alliances/{allianceId}/catalog/items", 201, null),
                new Step("PUT", "/api/alliances/{allianceId}/catalog/items/{code}", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/catalog/items/{code}/retirement", 200, null),
                new Step("PUT", "/api/alliances/{allianceId}/catalog/items/{itemCode}/price", 200, null),
                new Step("POST", "/api/labs/{labCode}/code-maps/mappings", 201, "codeMapId"),
                new Step("PUT", "/api/labs/{labCode}/code-maps/{codeMapId}/mappings/{code}", 200, null),
                new Step("POST", "/api/labs/{labCode}/code-maps/{codeMapId}/mappings/{code}/retirement", 200, null),
                new Step("PUT", "/api/alliances/{allianceId}/recognition-policy", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/trusted-identifier-systems", 200, null),
                // the example's patient record is not in this database: a 404, not a refusal of the body
                new Step("POST", "/api/alliances/{allianceId}/patient-links/link", 404, null),
                new Step("POST", "/api/alliances/{allianceId}/patient-links/unlink", 404, null),
                new Step("POST", "/api/assessments", 201, "assessmentId")));
        for (Dimension dimension : Dimension.values()) {
            walk.add(new Step("PUT", "/api/assessments/{assessmentId}/scores/" + dimension, 200, null));
        }
        walk.addAll(List.of(
                new Step("POST", "/api/assessments/{assessmentId}/closure", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/members/{labCode}/accreditations/{itemCode}/withdrawal",
                        200, null),
                new Step("POST", "/api/audits", 201, "auditId"),
                new Step("POST", "/api/audits/{auditId}/findings", 201, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/action", 200, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/action/submission", 200, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/action/rejection", 200, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/action/submission", 200, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/action/verification", 200, null),
                new Step("POST", "/api/audits/{auditId}/findings/{findingId}/reopening", 200, null),
                new Step("POST", "/api/audits/{auditId}/closure", 200, null),
                new Step("POST", "/api/eqa/rounds", 201, "roundId"),
                new Step("POST", "/api/eqa/rounds/{roundId}/results", 201, null),
                new Step("POST", "/api/eqa/rounds/{roundId}/closure", 200, null),
                new Step("POST", "/api/eqa/flight-inspections", 201, null),
                new Step("POST", "/api/eqa/corrective-actions", 201, null),
                new Step("PUT", "/api/iqc/{labCode}/{itemCode}/levels/{level}/lots/{lot}", 200, null),
                new Step("PUT", "/api/iqc/{labCode}/{itemCode}/rule-set", 200, null),
                new Step("POST", "/api/iqc/{labCode}/{itemCode}/runs", 200, null),
                // no targets were proposed for the lot: refused by the series, not for the body's form
                new Step("POST", "/api/iqc/{labCode}/{itemCode}/levels/{level}/lots/{lot}/target-confirmation",
                        NOT_A_SCHEMA_REFUSAL, null),
                // the example's run was accepted: only a rejected run is reviewed (refused by the series)
                new Step("POST", "/api/iqc/{labCode}/{itemCode}/runs/{runId}/review", NOT_A_SCHEMA_REFUSAL, null),
                new Step("POST", "/api/alliances/{allianceId}/reuse-outcomes", 201, null),
                new Step("POST", "/api/alliances/{allianceId}/members/{labCode}/suspension", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/members/{labCode}/reinstatement", 200, null),
                new Step("POST", "/api/alliances/{allianceId}/members/{labCode}/withdrawal", 200, null),
                new Step("POST", "/api/admin/clients", 201, null),
                new Step("POST", "/api/admin/users", 201, null)));

        Map<String, String> ids = new HashMap<>(Map.of("allianceId", "jiangcheng", "labCode", "JC-CHC1",
                "code", "CRP", "itemCode", "GLU", "findingId", "F1", "level", "1", "lot", "LOT-2025-01",
                "runId", "2025-05-20-AM"));
        ApiClient admin = new ApiClient(port, Tokens.Identity.client("huren-admin", List.of("ADMIN"), null,
                List.of()));
        Set<String> walked = new LinkedHashSet<>();
        for (Step step : walk) {
            String template = step.path().replaceAll("/scores/[A-Z_]+$", "/scores/{dimension}");
            JsonNode example = examples.get(step.method() + " " + template);
            assertThat(example).as("documented example of " + step.method() + " " + template).isNotNull();
            assertThat(example.isObject()).as("example of " + template).isTrue();
            walked.add(step.method() + " " + template);
            ApiClient client = step.path().startsWith("/api/admin") ? admin : qc;
            String path = fill(step.path(), ids);
            ApiClient.Answer answer = step.method().equals("PUT") ? client.put(path, example.toString())
                    : client.post(path, example.toString());
            String what = step.method() + " " + path + " " + example + " → " + answer.status() + " " + answer.body();
            if (step.expected() == NOT_A_SCHEMA_REFUSAL) {
                assertThat(answer.status()).as(what).isNotIn(400, 415).isLessThan(500);
            } else {
                assertThat(answer.status()).as(what).isEqualTo(step.expected());
            }
            if (step.capture() != null) {
                ids.put(step.capture(), answer.text(step.capture()));
            }
            answer.headers().firstValue("Location").ifPresent(location -> {
                ApiClient.Answer read = client.get(location);
                assertThat(read.status()).as("GET " + location + " after " + what + ": " + read.body())
                        .isEqualTo(200);
            });
        }
        assertThat(new TreeSet<>(walked)).as("every operation with a documented request body is walked")
                .isEqualTo(new TreeSet<>(examples.keySet()));
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher variable = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = ids.get(variable.group(1));
            assertThat(value).as("a value for {" + variable.group(1) + "}").isNotNull();
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variable.appendTail(path);
        return path.toString();
    }
}

package org.huren.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a standard client is generated from, fetched from the running server and validated against
 * the official OpenAPI 3.1 JSON Schema (schema-base: Schema Objects against the OAS dialect too; test resources
 * {@code external/oas-3.1}) — and true where generated clients go wrong: one schema per request type, 201 with its
 * Location where a create answers 201, problem+json for every error, enums for status fields, the build's version
 * and how to get a token.
 */
@HurenIntegrationTest
class OpenApiDocumentIT {

    private static final String OAS = "https://spec.openapis.org/oas/3.1/";
    private static final String SCHEMA_BASE = OAS + "schema-base/2025-09-15";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    JsonNode doc;

    @BeforeEach
    void fetch() throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        doc = JSON.readTree(answer.body());
    }

    static Schema openApi31() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mappings(Map.of(
                        SCHEMA_BASE, "classpath:external/oas-3.1/schema-base-2025-09-15.json",
                        OAS + "schema/2025-09-15", "classpath:external/oas-3.1/schema-2025-09-15.json",
                        OAS + "dialect/2024-11-10", "classpath:external/oas-3.1/dialect-2024-11-10.json",
                        OAS + "meta/2024-11-10", "classpath:external/oas-3.1/meta-2024-11-10.json"))));
        return registry.getSchema(SchemaLocation.of(SCHEMA_BASE));
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        List<com.networknt.schema.Error> errors = openApi31().validate(doc);
        assertThat(errors).as("OpenAPI 3.1 schema violations").isEmpty();
    }

    /** The validator is no formality: a document without info and with a Schema Object of no known type fails. */
    @Test
    void theValidatorRefusesABrokenDocument() {
        ObjectNode broken = doc.deepCopy();
        broken.remove("info");
        ((ObjectNode) broken.path("components").path("schemas").path("Problem")).put("type", "strin");
        List<com.networknt.schema.Error> errors = openApi31().validate(broken);
        assertThat(errors).extracting(Object::toString).anyMatch(e -> e.contains("info"))
                .anyMatch(e -> e.contains("Problem"));
    }

    @Test
    void theInfoNamesTheApiAndTheBuildsVersion() {
        assertThat(doc.path("info").path("title").asText()).contains("HuRen");
        assertThat(doc.path("info").path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void everyClosureHasItsOwnRequestSchema() {
        assertThat(requestSchema("/api/assessments/{assessmentId}/closure", "post")).isEqualTo("AssessmentCloseRequest");
        assertThat(requestSchema("/api/audits/{auditId}/closure", "post")).isEqualTo("AuditCloseRequest");
        assertThat(requestSchema("/api/eqa/rounds/{roundId}/closure", "post")).isEqualTo("EqaCloseRequest");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(names(schemas.path("AssessmentCloseRequest").path("required")))
                .containsExactlyInAnyOrder("outcome", "closedBy");
        assertThat(names(schemas.path("AuditCloseRequest").path("required"))).containsExactly("closedBy");
        assertThat(schemas.path("AuditCloseRequest").path("properties").has("summary")).isTrue();
    }

    @Test
    void everyRequestBodyIsItsOwnSchemaWithAnExample() {
        Set<String> seen = new HashSet<>();
        forEachOperation((path, method, op) -> {
            JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
            if (body.isMissingNode()) {
                return;
            }
            String name = body.path("$ref").asText().replace("#/components/schemas/", "");
            assertThat(name).as(method + " " + path).isNotEmpty();
            assertThat(doc.path("components").path("schemas").path(name).has("example"))
                    .as("example of " + name).isTrue();
            seen.add(name);
        });
        assertThat(seen).hasSizeGreaterThan(30);
    }

    @Test
    void aCreateDocuments201WithItsLocation() {
        JsonNode created = doc.at("/paths/~1api~1assessments/post/responses/201");
        assertThat(created.path("headers").has("Location")).isTrue();
        assertThat(created.path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/AssessmentOpened");
        assertThat(doc.at("/paths/~1api~1assessments/post/responses/200/description").asText())
                .contains("same request again");
        for (String path : List.of("/api/alliances", "/api/alliances/{allianceId}/members",
                "/api/alliances/{allianceId}/catalog/items", "/api/audits", "/api/audits/{auditId}/findings",
                "/api/eqa/rounds", "/api/eqa/flight-inspections", "/api/eqa/rounds/{roundId}/results",
                "/api/eqa/corrective-actions", "/api/alliances/{allianceId}/reuse-outcomes", "/api/admin/clients",
                "/api/admin/users")) {
            assertThat(doc.path("paths").path(path).path("post").path("responses").path("201").path("headers")
                    .has("Location")).as(path).isTrue();
        }
    }

    @Test
    void everyErrorIsProblemJson() {
        JsonNode responses = doc.path("components").path("responses");
        forEachOperation((path, method, op) -> op.path("responses").fields().forEachRemaining(answer -> {
            if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                JsonNode response = answer.getValue().has("$ref") ? responses.path(answer.getValue()
                        .path("$ref").asText().replace("#/components/responses/", "")) : answer.getValue();
                assertThat(response.path("content").path("application/problem+json").path("schema")
                        .path("$ref").asText()).as(method + " " + path + " " + answer.getKey())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }));
        assertThat(doc.at("/paths/~1api~1assessments~1{assessmentId}~1closure/post/responses").fieldNames())
                .toIterable().contains("400", "401", "403", "404", "409", "415", "422", "500", "503");
        assertThat(names(doc.at("/components/schemas/Problem/properties").fieldNames()))
                .contains("type", "title", "status", "detail", "instance", "rule", "field");
    }

    @Test
    void statusFieldsAreEnums() {
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(names(schemas.at("/MemberLabView/properties/status/enum")))
                .containsExactly("ACTIVE", "SUSPENDED", "WITHDRAWN");
        assertThat(names(schemas.at("/EqaRoundView/properties/status/enum"))).containsExactly("OPEN", "GRADED");
        assertThat(names(schemas.at("/IqcRunView/properties/status/enum")))
                .containsExactly("ACCEPTED", "WARNING", "REJECTED", "null");
        assertThat(names(schemas.at("/FindingView/properties/state/enum")))
                .containsExactly("NONE", "ASSIGNED", "SUBMITTED", "REJECTED", "VERIFIED");
    }

    @Test
    void theSecuritySchemesSayHowToGetAToken() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.at("/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/bearer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(schemes.at("/oauth2/flows/clientCredentials/tokenUrl").asText()).isEqualTo("/oauth2/token");
        assertThat(schemes.at("/oauth2/flows/authorizationCode/authorizationUrl").asText())
                .isEqualTo("/oauth2/authorize");
        assertThat(doc.path("security").toString()).contains("bearer").contains("oauth2");
    }

    @Test
    void theTablesAnswerCsvToo() {
        for (String path : List.of("/api/eqa/rounds/{roundId}/results", "/api/eqa/history", "/api/eqa/pass-rates",
                "/api/iqc/{labCode}/{itemCode}/runs", "/api/iqc/{labCode}/{itemCode}/monthly",
                "/api/audits/findings", "/api/alliances/{allianceId}/reuse-kpis",
                "/api/alliances/{allianceId}/recognition-rates")) {
            JsonNode get = doc.path("paths").path(path).path("get");
            assertThat(get.at("/responses/200/content").has("text/csv")).as(path).isTrue();
            assertThat(get.path("parameters").toString()).as(path).contains("\"bom\"");
        }
    }

    private String requestSchema(String path, String method) {
        return doc.path("paths").path(path).path(method).at("/requestBody/content/application~1json/schema/$ref")
                .asText().replace("#/components/schemas/", "");
    }

    private static List<String> names(Iterable<?> values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v instanceof JsonNode node ? node.asText() : v.toString()));
        return names;
    }

    private static List<String> names(java.util.Iterator<String> values) {
        List<String> names = new ArrayList<>();
        values.forEachRemaining(names::add);
        return names;
    }

    interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> visitor.visit(path.getKey(), method.getKey(), method.getValue())));
    }
}

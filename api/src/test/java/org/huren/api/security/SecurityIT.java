package org.huren.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Every request but the public ones carries a real token from the embedded authorization server (issue 13): each
 * rule is shown both ways, with tokens got as their holders get them.
 */
@HurenIntegrationTest
class SecurityIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutATokenEveryPrivatePathIs401WithWwwAuthenticateInTheFormOfItsEndpoint() throws Exception {
        HttpResponse<String> fhir = get("/fhir/Observation?code=2823-3", null);
        assertThat(fhir.statusCode()).isEqualTo(401);
        assertThat(fhir.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(fhir.body()).contains("OperationOutcome").contains("\"login\"").contains("bearer token");

        HttpResponse<String> api = get("/api/alliances/demo/members", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(api.body()).path("rule").asText()).isEqualTo("unauthenticated");

        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).isIn(200, 503);
        assertThat(get("/fhir/metadata", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aForgedOrExpiredTokenIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = sign(generator.generateKeyPair().getPrivate(), "any-kid", Instant.now().plusSeconds(600));
        HttpResponse<String> refused = get("/fhir/Observation?code=2823-3", forged);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("invalid_token"));

        Map<String, Object> key = jdbc.queryForMap("SELECT key_id, private_key FROM huren_signing_key "
                + "ORDER BY created_at, key_id LIMIT 1");
        PrivateKey real = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec((byte[]) key.get("private_key")));
        String expired = sign(real, (String) key.get("key_id"), Instant.now().minusSeconds(120));
        HttpResponse<String> late = get("/fhir/Observation?code=2823-3", expired);
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.body()).contains("expired");
        String fresh = sign(real, (String) key.get("key_id"), Instant.now().plusSeconds(120));
        assertThat(get("/api/alliances/demo/members", fresh).statusCode()).as("the same key, in time").isEqualTo(200);

        HttpResponse<String> wrongSecret = http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "lis-hr-core:not-the-secret".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void theLabComesFromTheTokenNeverFromAHeaderOrAPerformer() throws Exception {
        Bundle bundle = LabData.transaction(LabData.patient(unique("1160")), potassium(unique("R"), null, "4.0"));
        String body = FhirTestClient.fhir().newJsonParser().encodeResourceToString(bundle);
        HttpResponse<String> spoofed = http.send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("NOT-A-MEMBER")))
                .header("X-HuRen-Lab", "HR-CORE").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(spoofed.statusCode()).as(spoofed.body()).isEqualTo(403);
        assertThat(spoofed.body()).contains("NOT-A-MEMBER").contains("huren_lab");

        Observation asAnother = potassium(unique("R"), null, "4.2");
        asAnother.addPerformer(new Reference("Organization/HR-SEC1"));
        HttpResponse<String> performer = http.send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CORE")))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirTestClient.fhir().newJsonParser()
                        .encodeResourceToString(LabData.transaction(LabData.patient(unique("1161")), asAnother))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(performer.statusCode()).as(performer.body()).isIn(403, 422);
        assertThat(performer.body()).contains("HR-SEC1").contains("is not the submitting lab HR-CORE");

        HttpResponse<String> noLab = http.send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.operator()))
                .header("X-HuRen-Lab", "HR-CORE").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noLab.statusCode()).as("a token acting for no lab writes nothing, whatever the header")
                .isEqualTo(403);
    }

    @Test
    void aBrowserFromAnOriginNotConfiguredIsRefused() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/fhir/Observation"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://elsewhere.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void everyWriteEventRecordsWhoMadeItFromTheToken() {
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-SEC1");
        Bundle written = lis.transaction(LabData.transaction(LabData.patient(unique("1162")),
                potassium(unique("R"), null, "4.0")));
        String observation = LabData.idOf(written, 1);
        List<String> metadata = jdbc.queryForList("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ?", String.class, observation);
        assertThat(metadata).isNotEmpty().allSatisfy(m -> assertThat(m)
                .contains("\"actorSubject\":\"test-lis-hr-sec1\"").contains("\"actorClient\":\"test-lis-hr-sec1\"")
                .contains("\"actorLab\":\"HR-SEC1\""));
    }

    @Test
    void operatorPathsNeedTheOperatorRoleAndSaySo() throws Exception {
        ApiClient qc = new ApiClient(port);
        ApiClient.Answer refused = qc.get("/api/projections/status");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("role OPERATOR");
        HttpResponse<String> metrics = get("/actuator/prometheus", Tokens.of(port, Tokens.qcNetwork()));
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(ApiClient.operator(port).get("/api/projections/status").status()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", Tokens.of(port, Tokens.operator())).statusCode()).isEqualTo(200);
        ApiClient.Answer replay = qc.post("/api/projections/recognition/replay", null);
        assertThat(replay.status()).isEqualTo(403);

        ApiClient.Answer notAdmin = qc.post("/api/admin/users", Map.of("username", "someone", "password",
                "long-enough-1", "roles", List.of("ADMIN")));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.text("detail")).contains("role ADMIN");
    }

    @Test
    void aPersonSignsInAndTheirTokenCarriesTheirLabAndRoles() throws Exception {
        String token = Tokens.signIn(port, "clinician-hr-core", Tokens.DEMO_SECRET);
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("clinician-hr-core");
        assertThat(claims.path("huren_lab").asText()).isEqualTo("HR-CORE");
        assertThat(claims.path("huren_roles").toString()).contains("CLINICIAN");
        assertThat(get("/api/alliances/demo/members", token).statusCode()).isEqualTo(200);
    }

    @Test
    void smartDiscoveryAndTheCapabilityStatementNameTheTokenEndpoint() throws Exception {
        for (String path : List.of("/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration")) {
            HttpResponse<String> smart = get(path, null);
            assertThat(smart.statusCode()).isEqualTo(200);
            JsonNode document = JSON.readTree(smart.body());
            assertThat(document.path("token_endpoint").asText()).isEqualTo("http://localhost:" + port + "/oauth2/token");
            assertThat(document.path("capabilities").toString()).contains("permission-v2").contains("client-confidential-symmetric");
            assertThat(document.path("grant_types_supported").toString()).contains("client_credentials");
        }
        CapabilityStatement statement = FhirTestClient.fhir().newJsonParser().parseResource(CapabilityStatement.class,
                get("/fhir/metadata", null).body());
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        assertThat(security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
                .getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo("http://localhost:" + port + "/oauth2/token");
    }

    @Test
    void smartScopesNarrowWhatTheRolesAllow() throws Exception {
        String readOnly = Tokens.clientCredentials(port, "lis-hr-core", Tokens.DEMO_SECRET,
                "system/Observation.rs system/Patient.rs");
        String body = FhirTestClient.fhir().newJsonParser().encodeResourceToString(
                LabData.transaction(LabData.patient(unique("1163")), potassium(unique("R"), null, "4.0")));
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Authorization", "Bearer " + readOnly).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(write.body()).contains("system/Patient.c").contains("OperationOutcome");
        assertThat(write.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("insufficient_scope").contains("system/Patient.c");
        assertThat(get("/fhir/Observation?code=http://loinc.org%7C2823-3&_count=1", readOnly).statusCode())
                .as("searching is granted").isEqualTo(200);

        String allScopes = Tokens.clientCredentials(port, "lis-hr-core", Tokens.DEMO_SECRET);
        HttpResponse<String> written = http.send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Authorization", "Bearer " + allScopes).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as("the same client with its registered scopes: " + written.body())
                .isEqualTo(200);

        String observationsOnly = Tokens.signIn(port, "clinician-hr-core", Tokens.DEMO_SECRET,
                "openid user/Observation.rs");
        HttpResponse<String> patients = get("/fhir/Patient?identifier=" + LabData.NATIONAL_ID + "%7Cx", observationsOnly);
        assertThat(patients.statusCode()).as(patients.body()).isEqualTo(403);
        assertThat(patients.body()).contains("user/Patient.s");
        assertThat(get("/fhir/Observation?patient.identifier=" + LabData.NATIONAL_ID + "%7Cx", observationsOnly)
                .statusCode()).isEqualTo(200);
        assertThat(get("/fhir/metadata", observationsOnly).statusCode()).as("the statement needs no scope")
                .isEqualTo(200);
    }

    @Test
    void aRequestRefusedAtTheDoorIsASecurityAlertInTheAuditTrail() throws Exception {
        String requestId = "door-" + unique("x");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/fhir/Observation?_count=1"))
                .header("X-Request-Id", requestId).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        String staffId = "door-" + unique("y");
        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(uri("/api/projections/status"))
                .header("X-Request-Id", staffId)
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.labStaff("HR-CORE"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);

        Map<String, Object> anonymous = jdbc.queryForMap("SELECT outcome, agent_subject, subtype, resource::text AS r "
                + "FROM audit_event WHERE request_id = ?", requestId);
        assertThat(((Number) anonymous.get("outcome")).intValue()).isEqualTo(4);
        assertThat(anonymous.get("agent_subject")).isNull();
        assertThat(anonymous.get("subtype")).isEqualTo("GET /fhir/Observation");
        assertThat((String) anonymous.get("r")).contains("110113").contains("Security Alert")
                .contains("needs a bearer token");
        Map<String, Object> staff = jdbc.queryForMap("SELECT outcome, agent_subject, lab FROM audit_event "
                + "WHERE request_id = ?", staffId);
        assertThat(staff.get("agent_subject")).isEqualTo("test-staff-hr-core");
        assertThat(staff.get("lab")).isEqualTo("HR-CORE");
    }

    private String sign(PrivateKey key, String keyId, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId)
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().subject("forger")
                .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires))
                .claim("huren_roles", List.of("QC_MANAGER")).claim("huren_alliances", List.of("*")).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

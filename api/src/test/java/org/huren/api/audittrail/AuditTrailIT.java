package org.huren.api.audittrail;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.AuditEvent;
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
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * The audit trail of access (issue 13, ADR 0013): each write and each read of patient data leaves an AuditEvent,
 * found by agent, entity, patient and date by operators and QC managers — and by no one else.
 */
@HurenIntegrationTest
class AuditTrailIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWriteIsAuditedWithItsClientLabEntitiesAndCorrelationIdAndFoundByAgentEntityAndDate() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String requestId = unique("audit-write");
        String nationalId = unique("AUD");
        HttpResponse<String> written = post(Tokens.lis("HR-CORE"), requestId,
                LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null, "4.1")));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        Bundle response = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, written.body());
        String observation = "Observation/" + LabData.idOf(response, 1);
        String patient = "Patient/" + LabData.idOf(response, 0);

        IGenericClient operator = new FhirTestClient(base(), Tokens.operator()).client();
        Bundle found = search(operator, "AuditEvent?entity=" + observation);
        assertThat(found.getEntry()).hasSize(1);
        AuditEvent event = (AuditEvent) found.getEntryFirstRep().getResource();
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("transaction");
        AuditEvent.AuditEventAgentComponent user = event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst().orElseThrow();
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("test-lis-hr-core");
        assertThat(user.getLocation().getReference()).isEqualTo("Organization/HR-CORE");
        assertThat(event.getAgent()).anySatisfy(agent -> {
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("test-lis-hr-core");
            assertThat(agent.getNetwork().getAddress()).isNotBlank();
        });
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).contains(observation, patient);
        assertThat(event.getEntity()).anySatisfy(e -> assertThat(e.getWhat().getIdentifier().getValue())
                .isEqualTo(requestId));

        assertThat(search(operator, "AuditEvent?agent=test-lis-hr-core&entity=" + observation + "&date=ge"
                + before + "&date=le" + Instant.now().plusSeconds(5)).getEntry()).hasSize(1);
        assertThat(search(operator, "AuditEvent?entity=" + observation + "&date=lt" + before).getEntry())
                .as("recorded after the start: not before it").isEmpty();
        assertThat(search(operator, "AuditEvent?patient=" + patient + "&action=E").getEntry()).hasSize(1);
        assertThat(operator.read().resource(AuditEvent.class).withId(event.getIdElement().getIdPart()).execute()
                .getRecorded()).isEqualTo(event.getRecorded());
    }

    @Test
    void aRefusedWriteIsAuditedWithItsOutcomeAndWhy() throws Exception {
        String requestId = unique("audit-refused");
        Observation asAnother = potassium(unique("R"), null, "4.3");
        asAnother.addPerformer(new Reference("Organization/HR-SEC1"));
        HttpResponse<String> refused = post(Tokens.lis("HR-CORE"), requestId,
                LabData.transaction(LabData.patient(unique("AUD")), asAnother));
        assertThat(refused.statusCode()).isIn(403, 422);

        Bundle found = search(new FhirTestClient(base(), Tokens.operator()).client(),
                "AuditEvent?agent=test-lis-hr-core&outcome=4&date=ge" + Instant.now().minus(1, ChronoUnit.MINUTES)
                        + "&_count=500");
        AuditEvent event = found.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getEntity().stream().anyMatch(x -> requestId.equals(x.getWhat().getIdentifier()
                        .getValue()))).findFirst().orElseThrow();
        assertThat(event.getOutcome().toCode()).isEqualTo("4");
        assertThat(event.getOutcomeDesc()).startsWith("HTTP " + refused.statusCode()).contains("HR-SEC1");
    }

    @Test
    void aClinicianSearchIsAuditedWithItsQueryAndThePatientAsked() {
        String nationalId = unique("AUD");
        new FhirTestClient(base(), "HR-CORE").transaction(LabData.transaction(LabData.patient(nationalId),
                potassium(unique("R"), null, "3.9")));
        String identifier = LabData.NATIONAL_ID + "|" + nationalId;
        search(new FhirTestClient(base(), Tokens.clinician("HR-CORE")).client(),
                "Observation?patient.identifier=" + encode(identifier));

        Bundle found = search(new FhirTestClient(base(), Tokens.qcNetwork()).client(),
                "AuditEvent?agent=test-clinician-hr-core&patient.identifier=" + encode(identifier));
        assertThat(found.getEntry()).hasSize(1);
        AuditEvent event = (AuditEvent) found.getEntryFirstRep().getResource();
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(event.getAgentFirstRep().getLocation().getReference()).isEqualTo("Organization/HR-CORE");
        assertThat(event.getEntity()).anySatisfy(entity -> {
            assertThat(entity.getRole().getCode()).isEqualTo("24");
            assertThat(new String(entity.getQuery(), StandardCharsets.UTF_8)).contains("patient.identifier=")
                    .contains(nationalId);
        });
        assertThat(event.getEntity()).anySatisfy(entity ->
                assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(nationalId));
    }

    @Test
    void anApiReadOfPatientDataIsAuditedWithTheResult() {
        Bundle response = new FhirTestClient(base(), "HR-CORE").transaction(LabData.transaction(
                LabData.patient(unique("AUD")), potassium(unique("R"), null, "4.4")));
        String result = LabData.idOf(response, 1);
        ApiClient.Answer history = new ApiClient(port, Tokens.qcNetwork()).get("/api/results/" + result
                + "/recognition-history");
        assertThat(history.status()).isIn(200, 404);

        Bundle found = search(new FhirTestClient(base(), Tokens.operator()).client(),
                "AuditEvent?agent=test-qc-network&entity=Observation/" + result);
        assertThat(found.getEntry()).hasSize(1);
        AuditEvent event = (AuditEvent) found.getEntryFirstRep().getResource();
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getSubtype()).anySatisfy(s -> assertThat(s.getCode())
                .isEqualTo("GET /api/results/{resultId}/recognition-history"));
    }

    @Test
    void onlyOperatorsAndQcManagersSearchTheTrailAndAQcManagerSeesOnlyTheLabsOfTheirAlliances() {
        new FhirTestClient(base(), "HR-CORE").transaction(LabData.transaction(LabData.patient(unique("AUD")),
                potassium(unique("R"), null, "4.0")));
        for (Tokens.Identity refused : List.of(Tokens.lis("HR-CORE"), Tokens.clinician("HR-CORE"))) {
            assertThatThrownBy(() -> search(new FhirTestClient(base(), refused).client(), "AuditEvent?agent=x"))
                    .as(refused.name()).isInstanceOf(ForbiddenOperationException.class)
                    .hasMessageMatching("(?s).*(QC_MANAGER|system/AuditEvent\\.s).*"); // its role or its scopes
        }
        CapabilityStatement.CapabilityStatementRestResourceComponent declared = new FhirTestClient(base(),
                Tokens.operator()).client().capabilities().ofType(CapabilityStatement.class).execute().getRestFirstRep()
                .getResource().stream().filter(r -> r.getType().equals("AuditEvent")).findFirst().orElseThrow();
        assertThat(declared.getSearchParam()).extracting(p -> p.getName())
                .contains("agent", "entity", "patient", "date", "outcome", "action");
        Bundle all = search(new FhirTestClient(base(), Tokens.operator()).client(),
                "AuditEvent?agent=test-lis-hr-core&_count=1");
        assertThat(all.getTotal()).isGreaterThanOrEqualTo(1);
        assertThat(all.getLink(Bundle.LINK_NEXT) != null || all.getTotal() == 1).isTrue();
        assertThat(search(new FhirTestClient(base(), Tokens.qcNetwork()).client(),
                "AuditEvent?agent=test-lis-hr-core&_count=1").getTotal()).isEqualTo(all.getTotal());
        Tokens.Identity elsewhere = Tokens.Identity.user("test-qc-elsewhere", List.of("QC_MANAGER"), null,
                List.of("no-such-alliance"));
        assertThat(search(new FhirTestClient(base(), elsewhere).client(), "AuditEvent?agent=test-lis-hr-core")
                .getTotal()).as("HR-CORE is in none of their alliances").isZero();
        assertThat(search(new FhirTestClient(base(), Tokens.operator()).client(),
                "AuditEvent?agent=test-clinician-hr-core&outcome=4&action=E").getEntry())
                .as("a refused look at the trail is itself on the trail")
                .anySatisfy(e -> assertThat(((AuditEvent) e.getResource()).getOutcomeDesc()).startsWith("HTTP 403"));
    }

    private static Bundle search(IGenericClient client, String url) {
        return client.search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    private HttpResponse<String> post(Tokens.Identity identity, String requestId, Bundle bundle) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base()))
                .header("Authorization", "Bearer " + Tokens.of(port, identity))
                .header("X-Request-Id", requestId).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirTestClient.fhir().newJsonParser()
                        .encodeResourceToString(bundle))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port + "/fhir";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void recordsOlderThanTheRetentionArePrunedAndNoOthers() {
        Instant now = Instant.now();
        String old = java.util.UUID.randomUUID().toString();
        String kept = java.util.UUID.randomUUID().toString();
        for (var row : List.of(java.util.Map.entry(old, now.minus(4 * 365, ChronoUnit.DAYS)),
                java.util.Map.entry(kept, now.minus(2 * 365, ChronoUnit.DAYS)))) {
            jdbc.update("INSERT INTO audit_event (id, recorded, action, subtype, outcome, resource) "
                    + "VALUES (?::uuid, ?, 'R', 'read', 0, '{}')", row.getKey(), java.sql.Timestamp.from(row.getValue()));
        }
        AuditRetention.prune(jdbc, now.minus(1095, ChronoUnit.DAYS));
        assertThat(jdbc.queryForList("SELECT id::text FROM audit_event WHERE id IN (?::uuid, ?::uuid)", String.class,
                old, kept)).containsExactly(kept);
        jdbc.update("DELETE FROM audit_event WHERE id = ?::uuid", kept); // not an AuditEvent other tests could read
        assertThatThrownBy(() -> new AuditRetention.Properties(java.time.Duration.ofDays(90)))
                .as("less than the six months the law asks for").hasMessageContaining("at least six months");
    }
}

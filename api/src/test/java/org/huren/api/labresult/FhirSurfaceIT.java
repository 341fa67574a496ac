package org.huren.api.labresult;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.huren.api.support.Tokens;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/** The FHIR endpoint as clients meet it: base URL forms, formats, the CapabilityStatement, read-your-writes. */
@HurenIntegrationTest
class FhirSurfaceIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CHC1"))).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork()));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String transactionJson() {
        return FhirTestClient.fhir().newJsonParser().encodeResourceToString(
                LabData.transaction(LabData.patient(unique("110301")), potassium(unique("R"), null, "4.2")));
    }

    @Test
    void transactionsArePostedToTheBaseWithOrWithoutTrailingSlashAndAnswerTheirEventPosition() throws Exception {
        for (String base : List.of("http://localhost:" + port + "/fhir", "http://localhost:" + port + "/fhir/")) {
            HttpResponse<String> response = post(base, transactionJson());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"transaction-response\"").contains("201 Created");
            assertThat(response.headers().firstValueAsLong("X-HuRen-Event-Position")).isPresent();
        }
    }

    @Test
    void aReadWaitsForTheWriteItNamesAndAnswersInXmlWhenAsked() throws Exception {
        HttpResponse<String> write = post("http://localhost:" + port + "/fhir", transactionJson());
        String position = write.headers().firstValue("X-HuRen-Event-Position").orElseThrow();
        Bundle response = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, write.body());
        String location = response.getEntry().get(1).getResponse().getLocation();
        String id = location.split("/")[1];

        HttpResponse<String> xml = get("http://localhost:" + port + "/fhir/Observation/" + id + "?_format=xml",
                "X-HuRen-Await-Position", position);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).startsWith("<Observation xmlns=\"http://hl7.org/fhir\">").contains("2823-3");
    }

    @Test
    void aReadThatCannotSeeTheNamedPositionInTimeAnswers503() throws Exception {
        HttpResponse<String> response = get("http://localhost:" + port + "/fhir/Observation?code=2823-3",
                "X-HuRen-Await-Position", "999999999", "X-HuRen-Await-Millis", "50");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("OperationOutcome").contains("999999999");
    }

    @Test
    void theCapabilityStatementListsExactlyWhatIsSupported() {
        CapabilityStatement statement = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork()).client()
                .capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("transaction", "batch");
        assertThat(rest.getDocumentation()).contains("huren_lab").contains("X-HuRen-Await-Position")
                .contains("refuses the whole Bundle");
        CapabilityStatementRestResourceComponent observation = rest.getResource().stream()
                .filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow();
        assertThat(observation.getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("create", "update", "read", "vread", "history-instance", "search-type");
        assertThat(observation.getSearchParam()).extracting(CapabilityStatement
                        .CapabilityStatementRestResourceSearchParamComponent::getName)
                .containsExactlyInAnyOrder("_id", "identifier", "patient", "subject", "code", "date", "performer",
                        "status", "_lastUpdated", "_tag", "_sort");
        assertThat(observation.getDocumentation()).contains("vital-signs").contains("LOINC").contains("UCUM");
        assertThat(rest.getResource()).extracting(CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Specimen", "DiagnosticReport", "Organization")
                .doesNotContain("Encounter", "Claim");
    }

    @Test
    void memberLabsAreOrganizations() {
        var client = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork()).client();
        org.hl7.fhir.r4.model.Organization core = client.read().resource(org.hl7.fhir.r4.model.Organization.class)
                .withId("HR-CORE").execute();
        assertThat(core.getName()).contains("市第一人民医院");
        Bundle byIdentifier = client.search().forResource(org.hl7.fhir.r4.model.Organization.class)
                .where(org.hl7.fhir.r4.model.Organization.IDENTIFIER.exactly()
                        .systemAndIdentifier("https://huren.example.org/sid/org-code", "223456789"))
                .returnBundle(Bundle.class).execute();
        assertThat(byIdentifier.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly("HR-SEC1");
    }
}

package org.huren.api.labresult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.support.Tokens;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * What HuRen cannot store faithfully, or could not read back, is refused at the door with an error naming where —
 * and nothing is stored: control characters, lone surrogates, text that is not what its charset says, bodies,
 * strings and Bundles over the documented limits. A GBK LIS gets its Chinese back as sent.
 */
@HurenIntegrationTest
class HostileInputIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    final HttpClient http = HttpClient.newHttpClient();

    String transactionJson(String nationalId) {
        return FhirTestClient.fhir().newJsonParser().encodeResourceToString(
                LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null, "4.2")));
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CORE")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts to the FHIR base and asserts the refusal: status, the element named, and no event stored. */
    JsonNode refusedByFhir(byte[] body, String contentType, int status) throws Exception {
        long events = eventStore.eventCount();
        HttpResponse<String> response = post("/fhir", contentType, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(eventStore.eventCount()).as("nothing stored").isEqualTo(events);
        return outcome.path("issue").get(0);
    }

    @Test
    void aNulCharacterIsRefusedNamingTheElementAndTheReadModelsKeepGoing() throws Exception {
        String nationalId = unique("NUL");
        String body = transactionJson(nationalId).replace("\"value\":\"MRN-" + nationalId + "\"",
                "\"value\":\"MRN\\u0000" + nationalId + "\"");
        JsonNode issue = refusedByFhir(body.getBytes(StandardCharsets.UTF_8), "application/fhir+json", 400);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Bundle.entry[0].resource.identifier[1].value");
        assertThat(issue.path("diagnostics").asText()).contains("U+0000");

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        String next = unique("OK");
        lis.transaction(LabData.transaction(LabData.patient(next), potassium(unique("R"), null, "4.0")));
        assertThat(lis.client().search().forResource(org.hl7.fhir.r4.model.Observation.class)
                .where(org.hl7.fhir.r4.model.Observation.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.NATIONAL_ID, next)))
                .returnBundle(Bundle.class).execute().getEntry()).hasSize(1);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedOnTheApiToo() throws Exception {
        HttpResponse<String> nul = post("/api/alliances", "application/json", ("{\"allianceId\":\"x-nul\","
                + "\"name\":\"bad\\u0001name\",\"kind\":\"CITY_GROUP\",\"integration\":\"TIGHT\","
                + "\"coreInstitution\":\"核心\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(nul.body()).path("field").asText()).isEqualTo("name");

        String surrogate = transactionJson(unique("SUR")).replace("\"family\":\"王\"", "\"family\":\"\\ud800\"");
        JsonNode issue = refusedByFhir(surrogate.getBytes(StandardCharsets.UTF_8), "application/fhir+json", 400);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Bundle.entry[0].resource.name[0].family");
        assertThat(issue.path("diagnostics").asText()).contains("lone surrogate");

        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/fhir/Observation?identifier=a%00b")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("OperationOutcome").contains("control character");
    }

    @Test
    void textThatIsNotWhatItsCharsetSaysIsRefusedAndGbkIsReadCorrectly() throws Exception {
        byte[] utf8 = transactionJson(unique("BAD")).getBytes(StandardCharsets.UTF_8);
        byte[] broken = utf8.clone();
        int at = indexOf(broken, "王".getBytes(StandardCharsets.UTF_8));
        broken[at + 1] = (byte) 0x28; // a continuation byte replaced: invalid UTF-8
        JsonNode issue = refusedByFhir(broken, "application/fhir+json", 400);
        assertThat(issue.path("diagnostics").asText()).contains("byte " + at).contains("UTF-8");

        refusedByFhir(utf8, "application/fhir+json; charset=ISO-8859-1", 415);

        String nationalId = unique("GBK");
        byte[] gbk = transactionJson(nationalId).getBytes(Charset.forName("GBK"));
        HttpResponse<String> accepted = post("/fhir", "application/fhir+json; charset=GBK", gbk);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-CORE");
        lis.awaitPosition(accepted.headers().firstValueAsLong("X-HuRen-Event-Position").orElseThrow());
        Bundle patients = lis.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.NATIONAL_ID, nationalId))
                .returnBundle(Bundle.class).execute();
        assertThat(((Patient) patients.getEntryFirstRep().getResource()).getNameFirstRep().getFamily())
                .isEqualTo("王");

        byte[] notGbk = utf8.clone();
        notGbk[at] = (byte) 0x81;
        notGbk[at + 1] = (byte) 0x20; // 0x81 leads a two-byte GBK character; 0x20 cannot follow it
        refusedByFhir(notGbk, "application/fhir+json; charset=GBK", 400);
    }

    @Test
    void requestsOverTheLimitsAreRefusedBeforeAnythingIsStored() throws Exception {
        JsonNode tooLarge = refusedByFhir(new byte[16 * 1024 * 1024 + 1], "application/fhir+json", 413);
        assertThat(tooLarge.path("diagnostics").asText()).contains("huren.limits.request-bytes");

        String longName = "长".repeat(1_000_001);
        String longString = transactionJson(unique("LONG")).replace("\"family\":\"王\"",
                "\"family\":\"" + longName + "\"");
        JsonNode issue = refusedByFhir(longString.getBytes(StandardCharsets.UTF_8), "application/fhir+json", 422);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Bundle.entry[0].resource.name[0].family");

        Bundle many = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 5001; i++) {
            Patient patient = new Patient();
            patient.addIdentifier().setSystem(LabData.MRN).setValue("MANY-" + i);
            many.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(patient).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }
        JsonNode entries = refusedByFhir(FhirTestClient.fhir().newJsonParser().encodeResourceToString(many)
                .getBytes(StandardCharsets.UTF_8), "application/fhir+json", 413);
        assertThat(entries.path("expression").get(0).asText()).isEqualTo("Bundle.entry");
        assertThat(entries.path("diagnostics").asText()).contains("5001").contains("5000");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}

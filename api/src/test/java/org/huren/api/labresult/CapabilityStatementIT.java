package org.huren.api.labresult;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CapabilityStatement is exactly true (issue 14): every search parameter, {@code _include},
 * {@code _revinclude} and {@code _sort} it declares is answered (never 400), what it does not declare is refused
 * (400) rather than silently ignored, and {@code software} is HuRen at the version the build says.
 */
@HurenIntegrationTest
class CapabilityStatementIT {

    /** Values a search parameter must be given to be a sensible question (others: by type). */
    static final Map<String, String> EXAMPLES = Map.of(
            "_tag", "https://huren.org/fhir/CodeSystem/recognition|recognized",
            "gender", "female",
            "status", "final",
            "outcome", "0",
            "action", "R");
    static final Map<SearchParamType, String> BY_TYPE = Map.of(
            SearchParamType.TOKEN, "x",
            SearchParamType.REFERENCE, "x",
            SearchParamType.DATE, "2026-01-01",
            SearchParamType.STRING, "x",
            SearchParamType.URI, "http://x.example");

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    final HttpClient http = HttpClient.newHttpClient();

    CapabilityStatement statement() {
        return new FhirTestClient(fhir(), Tokens.qcNetwork()).client().capabilities()
                .ofType(CapabilityStatement.class).execute();
    }

    @Test
    void theSoftwareIsHurenAtTheVersionTheBuildSays() {
        CapabilityStatement statement = statement();
        assertThat(statement.getSoftware().getName()).isEqualTo("HuRen");
        assertThat(statement.getSoftware().getVersion()).isEqualTo(build.getVersion()).isNotEqualTo("8.6.1");
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
    }

    @Test
    void everySearchParameterIncludeAndSortItDeclaresIsAnswered() throws Exception {
        List<String> asked = new ArrayList<>();
        for (CapabilityStatementRestResourceComponent resource : statement().getRestFirstRep().getResource()) {
            String type = resource.getType();
            assertThat(resource.getSearchInclude()).as(type + " declares no _include wildcard")
                    .noneMatch(include -> include.getValue().equals("*"));
            for (CapabilityStatementRestResourceSearchParamComponent parameter : resource.getSearchParam()) {
                if (parameter.getName().equals("_sort")) {
                    for (String sort : sortValues(parameter.getDocumentation())) {
                        asked.add(answer(type, "_sort=" + sort));
                        asked.add(answer(type, "_sort=-" + sort));
                    }
                    continue;
                }
                String value = EXAMPLES.getOrDefault(parameter.getName(), BY_TYPE.get(parameter.getType()));
                assertThat(value).as(type + "?" + parameter.getName() + " has an example").isNotNull();
                asked.add(answer(type, parameter.getName() + "=" + encode(value)));
            }
            resource.getSearchInclude().forEach(include -> asked.add(answer(type, "_include=" + include.getValue())));
            resource.getSearchRevInclude().forEach(include ->
                    asked.add(answer(type, "_revinclude=" + include.getValue())));
        }
        assertThat(asked).contains("Observation?_sort=-date", "Observation?_include=Observation:patient",
                "Observation?_include=Observation:specimen", "Observation?_revinclude=DiagnosticReport:result",
                "DiagnosticReport?_include=DiagnosticReport:result", "Patient?_revinclude=Observation:patient",
                "DiagnosticReport?_sort=-_lastUpdated", "Patient?name=x", "Patient?birthdate=2026-01-01",
                "Specimen?identifier=x", "Organization?_id=x", "CodeSystem?_id=x", "AuditEvent?_id=x");
    }

    @Test
    void whatItDoesNotDeclareIsRefused() throws Exception {
        for (String undeclared : List.of("Observation?_include=Observation:performer", "Observation?_include=*",
                "Observation?_include:iterate=Observation:patient", "Observation?_sort=code",
                "Patient?_sort=birthdate", "Organization?_sort=name", "Patient?_include=Patient:organization",
                "Specimen?_revinclude=Observation:specimen", "Organization?_include=*", "Observation?_count=-1",
                "Observation?_offset=-5", "Observation?_count=many", "Observation?_elementz=id")) {
            HttpResponse<String> response = get(undeclared);
            assertThat(response.statusCode()).as(undeclared + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(undeclared).contains("OperationOutcome");
        }
    }

    @Test
    void theResultParametersEverySearchTakesAreAnswered() {
        for (String query : List.of("_count=0", "_offset=10", "_total=accurate", "_summary=count", "_elements=status",
                "_format=json", "_pretty=true")) {
            answer("Observation", query);
            answer("Organization", query);
        }
    }

    /** The values a {@code _sort} declaration documents ("values: a, b; …"). */
    static List<String> sortValues(String documentation) {
        Matcher values = Pattern.compile("^values: ([^;]+);").matcher(documentation);
        assertThat(values.find()).as(documentation).isTrue();
        return List.of(values.group(1).split(", "));
    }

    /** Asks {@code type?query} as a network QC manager and expects an answer; returns what was asked. */
    String answer(String type, String query) {
        String asked = type + "?" + query;
        try {
            HttpResponse<String> response = get(asked);
            assertThat(response.statusCode()).as(asked + ": " + response.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(asked, e);
        }
        return asked;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fhir() + "/" + pathAndQuery))
                        .header("Authorization", "Bearer " + Tokens.of(port, Tokens.qcNetwork())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    String fhir() {
        return "http://localhost:" + port + "/fhir";
    }
}

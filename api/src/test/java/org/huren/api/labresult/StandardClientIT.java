package org.huren.api.labresult;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.CapturingInterceptor;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.RESULT_ID;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * HuRen as an acceptance tester drives it: HAPI's generic client as it comes (its own bearer-token interceptor, its
 * own encoding of conditions and ETags, no HuRen header — so no read waits for a write it names), and plain HTTP where
 * a header is the point. Create, read back by the id the create answered, vread, history, conditional create, a
 * correction against a stale version, and {@code $reusable} with typed parameters.
 */
@HurenIntegrationTest
class StandardClientIT {

    /** A context of its own: the shared test one is set not to fetch the CapabilityStatement first. */
    private static final FhirContext FHIR = FhirContext.forR4();

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    final HttpClient http = HttpClient.newHttpClient();
    final CapturingInterceptor captured = new CapturingInterceptor();
    IGenericClient lis;
    String patientRef;

    @BeforeEach
    void theCoreLabsLisWithAPatient() {
        lis = FHIR.newRestfulGenericClient(base());
        lis.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.of(port, Tokens.lis("HR-CORE"))));
        lis.registerInterceptor(captured);
        Bundle answer = lis.transaction().withBundle(LabData.transaction(LabData.patient(unique("110501"))))
                .execute();
        patientRef = "Patient/" + LabData.idOf(answer, 0);
    }

    String base() {
        return "http://localhost:" + port + "/fhir";
    }

    String header(String name) {
        return captured.getLastResponse().getHeaders(name).stream().findFirst().orElse(null);
    }

    @Test
    void aResultIsReadBackByTheIdItsCreateAnsweredAndEachCorrectionIsAVersion() {
        String resultId = unique("R");
        MethodOutcome created = lis.create().resource(potassium(resultId, patientRef, "4.10"))
                .conditional().where(Observation.IDENTIFIER.exactly().systemAndCode(RESULT_ID, resultId)).execute();
        assertThat(created.getCreated()).isTrue();
        IdType first = (IdType) created.getId();
        assertThat(first.getVersionIdPart()).isEqualTo("1");
        assertThat(header("ETag")).isEqualTo("W/\"1\"");
        String createdAt = header("Last-Modified");
        assertThat(createdAt).isNotNull();

        // what the HAPI client does with the id it was given: a vread of /_history/1, at once
        Observation readBack = lis.read().resource(Observation.class).withId(first).execute();
        assertThat(readBack.getValueQuantity().getValue()).isEqualByComparingTo("4.10");
        assertThat(readBack.getMeta().getVersionId()).isEqualTo("1");
        assertThat(header("ETag")).isEqualTo("W/\"1\"");
        assertThat(header("Last-Modified")).as("the version's lastUpdated, as the create answered it")
                .isEqualTo(createdAt);

        MethodOutcome resent = lis.create().resource(potassium(resultId, patientRef, "4.10"))
                .conditional().where(Observation.IDENTIFIER.exactly().systemAndCode(RESULT_ID, resultId)).execute();
        assertThat(resent.getCreated()).as("the same identifier again is the same result")
                .isNotEqualTo(Boolean.TRUE);
        assertThat(resent.getId().getValue()).isEqualTo(first.getValue());

        Observation correction = potassium(resultId, patientRef, "4.30");
        correction.setStatus(Observation.ObservationStatus.CORRECTED);
        correction.setId(first.toUnqualifiedVersionless());
        // an id with a version: the client sends If-Match with it
        MethodOutcome corrected = lis.update().resource(correction).withId(first).execute();
        IdType second = (IdType) corrected.getId();
        assertThat(second.getVersionIdPart()).isEqualTo("2");
        assertThat(header("ETag")).isEqualTo("W/\"2\"");

        Observation v1 = lis.read().resource(Observation.class).withIdAndVersion(first.getIdPart(), "1").execute();
        Observation v2 = lis.read().resource(Observation.class).withId(second).execute();
        assertThat(v1.getValueQuantity().getValue()).isEqualByComparingTo("4.10");
        assertThat(v1.getMeta().getLastUpdated()).isEqualTo(readBack.getMeta().getLastUpdated());
        assertThat(v2.getValueQuantity().getValue()).isEqualByComparingTo("4.30");
        assertThat(v2.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(v2.getMeta().getLastUpdated()).isAfterOrEqualTo(v1.getMeta().getLastUpdated());

        Bundle history = lis.history().onInstance(first.toUnqualifiedVersionless()).returnBundle(Bundle.class)
                .execute();
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId())
                .as("newest first").containsExactly("2", "1");
        assertThat(history.getEntry()).extracting(e -> e.getRequest().getMethod())
                .containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
        assertThat(history.getEntry()).extracting(e -> e.getResponse().getEtag())
                .containsExactly("W/\"2\"", "W/\"1\"");
        assertThat(history.getEntry()).extracting(e -> e.getResource().getMeta().getLastUpdated())
                .containsExactly(v2.getMeta().getLastUpdated(), v1.getMeta().getLastUpdated());
        assertThatThrownBy(() -> lis.read().resource(Observation.class).withIdAndVersion(first.getIdPart(), "3")
                .execute()).as("a version not written yet").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aCorrectionAgainstAStaleOrMadeUpVersionIs412AndStoresNothing() {
        String resultId = unique("R");
        IdType first = (IdType) lis.create().resource(potassium(resultId, patientRef, "4.10")).execute().getId();
        Observation correction = potassium(resultId, patientRef, "4.30");
        correction.setId(first.toUnqualifiedVersionless());
        lis.update().resource(correction).withId(first).execute();
        long events = eventStore.eventCount();

        // a second LIS interface that read version 1 corrects it too
        Observation other = potassium(resultId, patientRef, "4.60");
        other.setId(first.toUnqualifiedVersionless());
        assertThatThrownBy(() -> lis.update().resource(other).withId(first).execute())
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(diagnostics(e))
                        .contains("is at version 2, not at version 1"));
        assertThatThrownBy(() -> lis.update().resource(other).withId(first.toUnqualifiedVersionless())
                .withAdditionalHeader("If-Match", "W/\"99\"").execute())
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(diagnostics(e))
                        .contains("is at version 2, not at version 99"));
        Bundle staleEntry = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        staleEntry.addEntry().setResource(other).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Observation/" + first.getIdPart()).setIfMatch("W/\"1\"");
        assertThatThrownBy(() -> lis.transaction().withBundle(staleEntry).execute())
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(expressions(e))
                        .containsExactly("Bundle.entry[0].request.ifMatch"));
        assertThat(eventStore.eventCount()).as("nothing stored").isEqualTo(events);

        other.setId(first.toUnqualifiedVersionless());
        MethodOutcome onTheCurrentVersion = lis.update().resource(other)
                .withId(first.withVersion("2")).execute();
        assertThat(onTheCurrentVersion.getId().getVersionIdPart()).isEqualTo("3");
    }

    @Test
    void aConditionalCreateNamingTheClientsFormatAndAConditionalUpdateByUrlAreAccepted() throws Exception {
        String resultId = unique("R");
        String body = FHIR.newJsonParser().encodeResourceToString(potassium(resultId, patientRef, "4.0"));
        String condition = "identifier=" + RESULT_ID + "|" + resultId + "&_format=json";
        HttpResponse<String> created = post("/Observation", body, "If-None-Exist", condition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/_history/1");
        HttpResponse<String> atLocation = get(location);
        assertThat(atLocation.statusCode()).as("the Location answered leads to the version").isEqualTo(200);
        assertThat(atLocation.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(created.headers().firstValue("Content-Location")).hasValue(location);
        assertThat(post("/Observation", body, "If-None-Exist", condition).statusCode()).isEqualTo(200);

        MethodOutcome corrected = lis.update().resource(potassium(resultId, patientRef, "4.2"))
                .conditionalByUrl("Observation?identifier=" + RESULT_ID + "|" + resultId).execute();
        assertThat(corrected.getId().getVersionIdPart()).isEqualTo("2");
    }

    @Test
    void aTransactionAnswersNoLocationThatLeadsNowhereAndItsRecordsHaveVersionsToo() throws Exception {
        String nationalId = unique("110502");
        Patient patient = LabData.patient(nationalId);
        String bundle = FHIR.newJsonParser().encodeResourceToString(LabData.transaction(patient,
                potassium(unique("R"), null, "4.1")));
        HttpResponse<String> answer = post("", bundle);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (String header : List.of("Location", "Content-Location")) {
            String location = answer.headers().firstValue(header).orElse(null);
            if (location != null) {
                assertThat(get(location).statusCode()).as(header + " " + location).isEqualTo(200);
            }
        }
        Bundle response = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
        Bundle.BundleEntryResponseComponent patientEntry = response.getEntry().get(0).getResponse();
        assertThat(patientEntry.getEtag()).isEqualTo("W/\"1\"");
        assertThat(patientEntry.getLastModified()).isNotNull();
        String patientId = LabData.idOf(response, 0);

        // the LIS sends the patient again with another name, made against version 1: version 2
        Patient renamed = LabData.patient(nationalId);
        renamed.getNameFirstRep().getGiven().clear();
        renamed.getNameFirstRep().addGiven("芬");
        Bundle update = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        update.addEntry().setResource(renamed).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + LabData.NATIONAL_ID + "|" + nationalId).setIfMatch("W/\"1\"");
        assertThat(lis.transaction().withBundle(update).execute().getEntryFirstRep().getResponse().getEtag())
                .isEqualTo("W/\"2\"");
        Bundle history = lis.history().onInstance(new IdType("Patient", patientId)).returnBundle(Bundle.class)
                .execute();
        assertThat(history.getEntry()).extracting(e -> ((Patient) e.getResource()).getNameFirstRep().getGivenAsSingleString())
                .containsExactly("芬", "芳");
        assertThat(lis.read().resource(Patient.class).withIdAndVersion(patientId, "1").execute()
                .getNameFirstRep().getGivenAsSingleString()).isEqualTo("芳");
    }

    @Test
    void reusableTakesIdentifierAndCodingParametersOrTokenStringsAndDeclaresItsTypes() {
        Parameters typed = lis.operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType("demo"))
                .andParameter("identifier", new Identifier().setSystem(LabData.NATIONAL_ID).setValue(unique("110503")))
                .andParameter("code", new Coding("http://loinc.org", "2823-3", "Potassium")).execute();
        assertThat(typed.getParameter("lookup")).as("a POST records the lookup").isNotNull();
        assertThat(typed.getParameterBool("reusable")).isFalse();

        Parameters asStrings = lis.operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType("demo"))
                .andParameter("patient.identifier", new StringType(LabData.NATIONAL_ID + "|" + unique("110504")))
                .andParameter("code", new StringType("http://loinc.org|2823-3")).useHttpGet().execute();
        assertThat(asStrings.getParameter("lookup")).as("a GET records nothing").isNull();
        assertThat(asStrings.getParameter("reusable")).isNotNull();

        CapabilityStatement statement = lis.capabilities().ofType(CapabilityStatement.class).execute();
        String definition = statement.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow().getOperation().stream()
                .filter(o -> o.getName().equals("reusable")).findFirst().orElseThrow().getDefinition();
        OperationDefinition reusable = lis.fetchResourceFromUrl(OperationDefinition.class, definition);
        assertThat(reusable.hasAffectsState() && !reusable.getAffectsState())
                .as("its POST records an event").isFalse();
        assertThat(parameter(reusable, OperationParameterUse.IN, "identifier").getType()).isEqualTo("Identifier");
        assertThat(parameter(reusable, OperationParameterUse.IN, "code").getType()).isEqualTo("Coding");
        assertThat(parameter(reusable, OperationParameterUse.IN, "patient.identifier").getSearchType().toCode())
                .isEqualTo("token");
        assertThat(parameter(reusable, OperationParameterUse.OUT, "reusable").getType()).isEqualTo("boolean");
        assertThat(parameter(reusable, OperationParameterUse.OUT, "result").getType()).isEqualTo("Reference");
    }

    @Test
    void recognitionTakesItsTypedParameterByPostOrGetAndDeclaresWhatItAnswers() {
        IdType result = (IdType) lis.create().resource(potassium(unique("R"), patientRef, "4.4")).execute().getId();
        for (boolean get : new boolean[]{false, true}) {
            var operation = lis.operation().onInstance(result.toUnqualifiedVersionless()).named("$recognition")
                    .withParameter(Parameters.class, "asOf", new DateTimeType("2026-12-01T00:00:00+08:00"));
            Parameters answer = get ? operation.useHttpGet().execute() : operation.execute();
            assertThat(answer).isNotNull();
        }
        OperationDefinition recognition = lis.fetchResourceFromUrl(OperationDefinition.class,
                base() + "/OperationDefinition/Observation-i-recognition");
        assertThat(recognition.getAffectsState()).isFalse();
        assertThat(parameter(recognition, OperationParameterUse.IN, "asOf").getType()).isEqualTo("dateTime");
        parameter(recognition, OperationParameterUse.OUT, "decision");
        OperationDefinition eqaResult = lis.fetchResourceFromUrl(OperationDefinition.class,
                base() + "/OperationDefinition/Observation-t-eqa-result");
        assertThat(eqaResult.getAffectsState()).isTrue();
        assertThat(parameter(eqaResult, OperationParameterUse.IN, "observation").getType()).isEqualTo("Observation");
        parameter(eqaResult, OperationParameterUse.OUT, "result");
    }

    static OperationDefinitionParameterComponent parameter(OperationDefinition definition, OperationParameterUse use,
                                                           String name) {
        return definition.getParameter().stream().filter(p -> p.getUse() == use && p.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(use + " parameter " + name + " not in "
                        + FHIR.newJsonParser().encodeResourceToString(definition)));
    }

    static String diagnostics(PreconditionFailedException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
    }

    static List<String> expressions(PreconditionFailedException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getExpression().stream()
                .map(StringType::getValue).toList();
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CORE")))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-CORE"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

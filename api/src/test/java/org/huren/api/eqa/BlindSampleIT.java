package org.huren.api.eqa;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.unique;

/**
 * Issue 5's flight inspection: blind samples (盲样) registered for one lab arrive through its ordinary LIS feed; the
 * LIS gets exactly the answer a patient result gets; the result is graded (here unacceptable, which counts like a
 * failed EQA round and withdraws the lab's recognition of the item); and no clinician path shows it.
 */
@HurenIntegrationTest
class BlindSampleIT {

    static final String ACCESSION = "https://lis.example.org/accession";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aBlindSampleIsAnsweredLikeAPatientResultGradedAndHiddenFromClinicians() throws Exception {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "fi-" + suffix;
        String lab = "FL-" + suffix;
        String clinic = "FC-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "飞检医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").enrol(alliance, clinic, "COMMUNITY").seedCatalog(alliance)
                .letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(1)
                .path("since").asText());

        // an ordinary patient result, for comparison
        HttpResponse<String> patientAnswer = postBundle(lab, bundle(LabData.MRN, unique("MRN"), unique("ACC"),
                "4.10", enrolled.plusMillis(100)));
        String patientResult = JSON.readTree(patientAnswer.body()).path("entry").get(2).path("response")
                .path("location").asText().split("/")[1];

        // the flight inspection: one blind specimen, a pseudo-patient, assigned 4.00 mmol/L (limit max(0.2, 6 %))
        String pseudoMrn = unique("FI");
        String accession = unique("BLIND");
        ApiClient.Answer registered = qc.post("/api/eqa/flight-inspections", Map.of("requestId", "fi-1",
                "allianceId", alliance, "labCode", lab, "title", "2026 飞行检查",
                "pseudoPatient", Map.of("system", LabData.MRN, "value", pseudoMrn),
                "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("accession", Map.of("system", ACCESSION, "value", accession),
                        "itemCode", "K", "assigned", "4.00")),
                "deadline", Instant.now().plusSeconds(86_400).toString(), "ruleSet", "WS/T 403-2024 TEa",
                "openedBy", "质控科 刘"));
        assertThat(registered.status()).isEqualTo(201);
        String round = registered.text("roundId");
        // the inspected lab's own staff never learn it is open
        ApiClient inspected = new ApiClient(port, lab);
        inspected.awaitPosition(qc.lastPosition());
        assertThat(inspected.get("/api/eqa/rounds/" + round).status()).isEqualTo(403);
        assertThat(inspected.get("/api/eqa/flight-inspections").status()).isEqualTo(403);
        assertThat(inspected.get("/api/eqa/flight-inspections/" + round).status()).isEqualTo(403);
        JsonNode beforeResult = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(beforeResult.path("samples").get(0).path("assigned").isNull()).isTrue();

        // the lab's LIS sends the blind specimen's result like any other: 4.80 is 0.80 off, beyond 0.24
        HttpResponse<String> blindAnswer = postBundle(lab, bundle(LabData.MRN, pseudoMrn, accession, "4.80",
                enrolled.plusMillis(200)));
        assertThat(blindAnswer.statusCode()).isEqualTo(patientAnswer.statusCode());
        assertThat(headerNames(blindAnswer)).isEqualTo(headerNames(patientAnswer));
        assertThat(shape(JSON.readTree(blindAnswer.body()))).isEqualTo(shape(JSON.readTree(patientAnswer.body())));
        assertThat(statuses(blindAnswer)).isEqualTo(statuses(patientAnswer)).containsOnly("201 Created");
        String blindResult = JSON.readTree(blindAnswer.body()).path("entry").get(2).path("response")
                .path("location").asText().split("/")[1];
        long position = Long.parseLong(blindAnswer.headers().firstValue("X-HuRen-Event-Position").orElseThrow());

        // graded as soon as its one blind sample had a result: unacceptable, so unsatisfactory
        FhirTestClient clinician = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.clinician(clinic));
        clinician.awaitPosition(position);
        JsonNode outcome = flightInspection(qc, alliance, position);
        assertThat(outcome.path("status").asText()).isEqualTo("GRADED");
        assertThat(outcome.path("receivedResults").asInt()).isEqualTo(1);
        assertThat(outcome.path("grades").get(0).path("satisfactory").asBoolean()).isFalse();
        assertThat(outcome.path("grades").get(0).path("scorePercent").decimalValue()).isEqualByComparingTo("0");

        // it counts like a failed EQA round: the lab's patient result for K loses recognition, citing it
        Observation patientObservation = clinician.client().read().resource(Observation.class)
                .withId(patientResult).execute();
        assertThat(patientObservation.getMeta().getTag()).anySatisfy(t -> assertThat(t.getCode())
                .isEqualTo("withdrawn"));
        Parameters why = clinician.client().operation().onInstance("Observation/" + patientResult)
                .named("$recognition").withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(why.getParameter().get(0).getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(c.getPart().get(0).getValue().primitiveValue()).isEqualTo("EQA_SATISFACTORY");
                    assertThat(c.getPart()).anySatisfy(p -> assertThat(p.getValue().primitiveValue()).contains(round));
                });

        // no clinician path shows it
        Bundle byPseudoPatient = clinician.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.MRN, pseudoMrn))).returnBundle(Bundle.class).execute();
        assertThat(byPseudoPatient.getEntry()).isEmpty();
        Bundle pseudoPatients = clinician.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(LabData.MRN, pseudoMrn))
                .returnBundle(Bundle.class).execute();
        assertThat(pseudoPatients.getEntry()).isEmpty();
        assertThatThrownBy(() -> clinician.client().search().forResource(Observation.class)
                .where(Observation.PERFORMER.hasId("Organization/" + lab)).returnBundle(Bundle.class).execute())
                .as("a clinician lists no lab's results").isInstanceOf(ForbiddenOperationException.class);
        FhirTestClient network = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork());
        network.awaitPosition(position);
        Bundle labResults = network.client().search().forResource(Observation.class)
                .where(Observation.PERFORMER.hasId("Organization/" + lab)).returnBundle(Bundle.class).execute();
        assertThat(labResults.getEntry()).as("nor does a QC manager on FHIR: blind detail is on /api")
                .extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(patientResult);
        assertThat(clinicianCannotRead(blindResult)).isEqualTo(404);
        Parameters reusable = clinician.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType(alliance))
                .andParameter("patient.identifier", new StringType(LabData.MRN + "|" + pseudoMrn))
                .andParameter("code", new StringType("http://loinc.org|2823-3")).useHttpGet().execute();
        assertThat(reusable.getParameterBool("reusable")).isFalse();
        JsonNode rates = qc.get("/api/alliances/" + alliance + "/recognition-rates?by=LAB").body();
        assertThat(rates.get(0).path("results").asLong()).as("the blind result is in no KPI").isEqualTo(1);
        assertThat(clinicianCannotRead("Specimen/" + specimenOf(blindAnswer))).isEqualTo(404);
        assertThat(clinicianCannotRead("Patient/" + patientOf(blindAnswer))).isEqualTo(404);

        // …while its own lab sees an ordinary result: read back, found by its identifier, decided and tagged
        FhirTestClient labLis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        labLis.awaitPosition(position);
        Observation readBack = labLis.client().read().resource(Observation.class).withId(blindResult).execute();
        assertThat(readBack.getValueQuantity().getValue()).isEqualByComparingTo("4.80");
        assertThat(readBack.getMeta().getTag()).extracting(org.hl7.fhir.r4.model.Coding::getSystem)
                .contains("https://huren.org/fhir/CodeSystem/recognition");
        Bundle own = labLis.client().search().forResource(Observation.class)
                .where(Observation.IDENTIFIER.exactly().systemAndIdentifier(LabData.RESULT_ID,
                        readBack.getIdentifierFirstRep().getValue())).returnBundle(Bundle.class).execute();
        assertThat(own.getEntry()).hasSize(1);
        Parameters ownWhy = labLis.client().operation().onInstance("Observation/" + blindResult)
                .named("$recognition").withNoParameters(Parameters.class).useHttpGet().execute();
        assertThat(ownWhy.getParameter()).extracting(Parameters.ParametersParameterComponent::getName)
                .contains("decision");
    }

    /**
     * Issue 11: until a flight inspection is graded, the general EQA reads show neutral sample codes, no accession
     * number, no pseudo-patient and no count of what arrived; a refusal logged for a blind result is not shown
     * there either. The blind detail stays on the flight-inspection endpoints.
     */
    @Test
    void anOpenFlightInspectionShowsNoBlindDetailOnTheGeneralEqaReads() throws Exception {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "fs-" + suffix;
        String lab = "FS-" + suffix;
        new AllianceSteps(qc).form(alliance, "盲样保密医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(0)
                .path("since").asText());
        String pseudoMrn = unique("FS");
        String first = unique("BLIND");
        String second = unique("BLIND");
        ApiClient.Answer registered = qc.post("/api/eqa/flight-inspections", Map.of("requestId", "fs-1",
                "allianceId", alliance, "labCode", lab, "pseudoPatient", Map.of("system", LabData.MRN, "value",
                        pseudoMrn), "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("accession", Map.of("system", ACCESSION, "value", first),
                                "itemCode", "K", "assigned", "4.00"),
                        Map.of("accession", Map.of("system", ACCESSION, "value", second), "itemCode", "K",
                                "assigned", "5.00")),
                "deadline", Instant.now().plusSeconds(86_400).toString(), "ruleSet", "WS/T 403-2024 TEa",
                "openedBy", "质控科 刘"));
        assertThat(registered.status()).isEqualTo(201);
        String round = registered.text("roundId");
        JsonNode opened = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(opened.path("samples")).extracting(s -> s.path("sampleCode").asText()).containsExactly("S1", "S2");
        assertNothingBlind(opened, first, second, pseudoMrn);

        // the lab's LIS sends the first blind specimen's potassium, and a sodium on the second (refused and logged)
        postBundle(lab, bundle(LabData.MRN, pseudoMrn, first, "4.10", enrolled.plusMillis(100)));
        Bundle sodium = bundle(LabData.MRN, pseudoMrn, second, "140", enrolled.plusMillis(200));
        Observation na = (Observation) sodium.getEntry().get(2).getResource();
        na.getCode().getCodingFirstRep().setCode("2951-2").setDisplay("Sodium");
        HttpResponse<String> answer = postBundle(lab, sodium);
        assertThat(answer.statusCode()).isEqualTo(200);
        qc.awaitPosition(Long.parseLong(answer.headers().firstValue("X-HuRen-Event-Position").orElseThrow()));

        JsonNode open = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertNothingBlind(open, first, second, pseudoMrn);
        assertThat(open.path("submissions").isNull()).as("no count of received results").isTrue();
        assertThat(open.path("refusals").isNull()).isTrue();
        JsonNode listed = qc.get("/api/eqa/rounds?alliance=" + alliance).body();
        assertThat(listed).hasSize(1);
        assertNothingBlind(listed, first, second, pseudoMrn);
        assertThat(listed.get(0).path("submissions").isNull()).isTrue();
        JsonNode results = qc.get("/api/eqa/rounds/" + round + "/results").body();
        assertNothingBlind(results, first, second, pseudoMrn);
        assertThat(results.path("rows").isNull()).as("who returned what, hidden until graded").isTrue();
        assertThat(results.path("refusals").isNull()).isTrue();
        // an accession number is no sample code: trying one tells nothing and stores nothing
        ApiClient.Answer guessed = qc.post("/api/eqa/rounds/" + round + "/results", Map.of("labCode", lab,
                "sampleCode", first, "itemCode", "K", "value", "4.00", "unit", "mmol/L"));
        assertThat(guessed.status()).isEqualTo(422);
        assertThat(guessed.text("field")).isEqualTo("sampleCode");

        // the QC managers' flight-inspection views keep the blind detail
        JsonNode outcome = flightInspection(qc, alliance, qc.lastPosition());
        assertThat(outcome.path("receivedResults").asInt()).isEqualTo(1);
        JsonNode detail = qc.get("/api/eqa/flight-inspections/" + round).body();
        assertThat(detail.path("pseudoPatient").path("value").asText()).isEqualTo(pseudoMrn);
        assertThat(detail.path("samples")).extracting(s -> s.path("sampleCode").asText() + "="
                        + s.path("accession").path("value").asText() + ":" + s.path("received").asBoolean())
                .containsExactly("S1=" + first + ":true", "S2=" + second + ":false");
        assertThat(detail.path("refusals")).singleElement()
                .satisfies(r -> assertThat(r.path("reason").asText()).isEqualTo("NOT_AN_ITEM"));
        assertThat(qc.get("/api/eqa/flight-inspections/" + UUID.randomUUID()).status()).isEqualTo(404);
        String ordinaryRound = qc.post("/api/eqa/rounds", Map.of("requestId", "r-1", "allianceId", alliance,
                "provider", "NCCL", "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00")),
                "participants", List.of(lab), "deadline", Instant.now().plusSeconds(86_400).toString(),
                "ruleSet", "WS/T 403-2024 TEa", "openedBy", "质控科 刘")).text("roundId");
        assertThat(qc.get("/api/eqa/flight-inspections/" + ordinaryRound).status()).isEqualTo(404);

        // once graded, the round is an open book
        assertThat(qc.post("/api/eqa/rounds/" + round + "/closure", Map.of("closedBy", "质控科 刘")).status())
                .isEqualTo(200);
        JsonNode graded = qc.get("/api/eqa/rounds/" + round).body();
        assertThat(graded.path("status").asText()).isEqualTo("GRADED");
        assertThat(graded.path("pseudoPatient").path("value").asText()).isEqualTo(pseudoMrn);
        assertThat(graded.path("samples")).extracting(s -> s.path("accession").path("value").asText())
                .containsExactly(first, second);
        assertThat(graded.path("submissions").path(lab).asInt()).isEqualTo(1);
        assertThat(graded.path("refusals").asInt()).isEqualTo(1);
    }

    /** An inspected lab with one patient result and one blind result (graded satisfactory), both recognized. */
    record Inspected(String alliance, String lab, String clinic, String patientMrn, String patientResult,
                     String pseudoMrn, String accession, String blindResult, long position) {
    }

    Inspected inspectedLab(String prefix) throws Exception {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = prefix.toLowerCase() + "-" + suffix;
        String lab = prefix + "L-" + suffix;
        String clinic = prefix + "C-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "盲样一致医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").enrol(alliance, clinic, "COMMUNITY").seedCatalog(alliance)
                .letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        Instant enrolled = Instant.parse(qc.get("/api/alliances/" + alliance + "/members").body().get(1)
                .path("since").asText());
        String patientMrn = unique("MRN");
        HttpResponse<String> patientAnswer = postBundle(lab, bundle(LabData.MRN, patientMrn, unique("ACC"), "4.10",
                enrolled.plusMillis(100)));
        String pseudoMrn = unique("FV");
        String accession = unique("BLIND");
        assertThat(qc.post("/api/eqa/flight-inspections", Map.of("requestId", "fv-1", "allianceId", alliance,
                "labCode", lab, "pseudoPatient", Map.of("system", LabData.MRN, "value", pseudoMrn),
                "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("accession", Map.of("system", ACCESSION, "value", accession),
                        "itemCode", "K", "assigned", "4.00")),
                "deadline", Instant.now().plusSeconds(86_400).toString(), "ruleSet", "WS/T 403-2024 TEa",
                "openedBy", "质控科 刘")).status()).isEqualTo(201);
        // 4.05 is within max(0.2, 6 %) of 4.00: graded satisfactory, and recognized like the patient result
        HttpResponse<String> blindAnswer = postBundle(lab, bundle(LabData.MRN, pseudoMrn, accession, "4.05",
                enrolled.plusMillis(200)));
        long position = Math.max(qc.lastPosition(),
                Long.parseLong(blindAnswer.headers().firstValue("X-HuRen-Event-Position").orElseThrow()));
        return new Inspected(alliance, lab, clinic, patientMrn, locationOf(patientAnswer, 2), pseudoMrn, accession,
                locationOf(blindAnswer, 2), position);
    }

    /**
     * Issue 11: from the inspected lab's side (requests as that lab) a blind result is an ordinary patient result —
     * its own {@code $reusable}, its recognition rates and its scorecard count it — while other labs, QC managers'
     * figures, the alliance totals and the reuse KPIs do not.
     */
    @Test
    void theInspectedLabSeesItsBlindResultLikeAnyPatientResult() throws Exception {
        Inspected it = inspectedLab("FV");
        String base = "http://localhost:" + port + "/fhir";
        FhirTestClient labLis = new FhirTestClient(base, it.lab());
        labLis.awaitPosition(it.position());
        FhirTestClient other = new FhirTestClient(base, Tokens.clinician(it.clinic()));
        other.awaitPosition(it.position());

        // the lab's own question about the pseudo-patient is answered like its question about a patient
        Parameters forPatient = reusable(labLis, it.alliance(), it.patientMrn(), false);
        Parameters forPseudo = reusable(labLis, it.alliance(), it.pseudoMrn(), false);
        assertThat(forPatient.getParameterBool("reusable")).isTrue();
        assertThat(forPseudo.getParameterBool("reusable")).isTrue();
        assertThat(((org.hl7.fhir.r4.model.Reference) forPseudo.getParameter("result").getValue()).getReference())
                .isEqualTo("Observation/" + it.blindResult());
        assertThat(names(forPseudo)).isEqualTo(names(forPatient));
        Parameters lookedUp = reusable(labLis, it.alliance(), it.pseudoMrn(), true);
        assertThat(lookedUp.getParameterBool("reusable")).isTrue();
        assertThat(lookedUp.getParameter("lookup")).isNotNull();
        // …while any other lab's clinician finds nothing, exactly as for a patient nobody has seen
        Parameters otherAsks = reusable(other, it.alliance(), it.pseudoMrn(), false);
        Parameters nobody = reusable(other, it.alliance(), unique("NOBODY"), false);
        assertThat(otherAsks.getParameterBool("reusable")).isFalse();
        assertThat(reasons(otherAsks)).isEqualTo(reasons(nobody));
        assertThat(reusable(other, it.alliance(), it.patientMrn(), false).getParameterBool("reusable")).isTrue();

        // rates and scorecard: the lab's own figures count its blind result; everyone else's leave it out
        ApiClient qc = new ApiClient(port);
        qc.awaitPosition(labLis.lastPosition());
        ApiClient asLab = new ApiClient(port, it.lab());
        asLab.awaitPosition(labLis.lastPosition());
        ApiClient asOther = new ApiClient(port, it.clinic());
        asOther.awaitPosition(labLis.lastPosition());
        String rates = "/api/alliances/" + it.alliance() + "/recognition-rates?by=";
        assertThat(rateOf(asLab.get(rates + "LAB").body(), it.lab()).path("results").asLong()).isEqualTo(2);
        assertThat(rateOf(asLab.get(rates + "LAB").body(), it.lab()).path("recognized").asLong()).isEqualTo(2);
        assertThat(asLab.get(rates + "ITEM").body().get(0).path("results").asLong()).isEqualTo(2);
        assertThat(asLab.get(rates + "MONTH").body().get(0).path("results").asLong()).isEqualTo(2);
        assertThat(asLab.get(rates + "ALLIANCE").body().get(0).path("results").asLong())
                .as("its own alliance total agrees with its own rows").isEqualTo(2);
        for (ApiClient someoneElse : List.of(qc, asOther)) {
            assertThat(rateOf(someoneElse.get(rates + "LAB").body(), it.lab()).path("results").asLong())
                    .isEqualTo(1);
            assertThat(someoneElse.get(rates + "ALLIANCE").body().get(0).path("results").asLong()).isEqualTo(1);
        }
        String scorecard = "/api/alliances/" + it.alliance() + "/members/" + it.lab() + "/scorecard";
        assertThat(asLab.get(scorecard).body().path("recognition").path("results").asLong()).isEqualTo(2);
        assertThat(qc.get(scorecard).body().path("recognition").path("results").asLong()).isEqualTo(1);
        String kpis = "/api/alliances/" + it.alliance() + "/reuse-kpis?by=ALLIANCE";
        assertThat(asLab.get(kpis).body().get(0).path("recognitions").asLong()).isEqualTo(1);
        assertThat(qc.get(kpis).body()).as("the lookup that found a blind result is in no alliance KPI").isEmpty();
    }

    /** Issue 11: a blind result's recognition history is its lab's only — a 404 to anyone else, as on FHIR. */
    @Test
    void aBlindResultsRecognitionHistoryAnswersOnlyItsLab() throws Exception {
        Inspected it = inspectedLab("FH");
        ApiClient qc = new ApiClient(port);
        qc.awaitPosition(it.position());
        ApiClient asLab = new ApiClient(port, it.lab());
        asLab.awaitPosition(it.position());
        ApiClient asOther = new ApiClient(port, it.clinic());
        asOther.awaitPosition(it.position());
        String history = "/api/results/" + it.blindResult() + "/recognition-history";
        for (ApiClient someoneElse : List.of(qc, asOther)) {
            ApiClient.Answer hidden = someoneElse.get(history);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.contentType()).startsWith("application/problem+json");
            assertThat(hidden.body().path("detail").asText())
                    .isEqualTo("no recognition decided for result " + it.blindResult());
        }
        assertThat(clinicianCannotRead(it.blindResult())).isEqualTo(404);
        ApiClient.Answer own = asLab.get(history);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).isNotEmpty();
        assertThat(qc.get("/api/results/" + it.patientResult() + "/recognition-history").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ steps

    static void assertNothingBlind(JsonNode body, String... secrets) {
        for (String secret : secrets) {
            assertThat(body.toString()).as("no read shows " + secret).doesNotContain(secret);
        }
    }

    static String locationOf(HttpResponse<String> answer, int entry) throws Exception {
        return JSON.readTree(answer.body()).path("entry").get(entry).path("response").path("location").asText()
                .split("/")[1];
    }

    static Parameters reusable(FhirTestClient client, String alliance, String mrn, boolean record) {
        var operation = client.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType(alliance))
                .andParameter("patient.identifier", new StringType(LabData.MRN + "|" + mrn))
                .andParameter("code", new StringType("http://loinc.org|2823-3"));
        return record ? operation.andParameter("clinician", new StringType("李医生")).execute()
                : operation.useHttpGet().execute();
    }

    static List<String> names(Parameters parameters) {
        return parameters.getParameter().stream().map(Parameters.ParametersParameterComponent::getName).toList();
    }

    static List<String> reasons(Parameters parameters) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("reason"))
                .map(p -> p.getValue().primitiveValue()).toList();
    }

    static JsonNode rateOf(JsonNode rows, String group) {
        for (JsonNode row : rows) {
            if (row.path("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no row " + group + " in " + rows);
    }

    // ------------------------------------------------------------------ steps

    Bundle bundle(String patientSystem, String patientValue, String accession, String value, Instant effective) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(patientSystem).setValue(patientValue);
        patient.addName().setFamily("李").addGiven("明");
        Specimen specimen = new Specimen();
        specimen.getAccessionIdentifier().setSystem(ACCESSION).setValue(accession);
        specimen.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0487").setCode("SER");
        Observation observation = LabData.potassium(unique("R"), null, value);
        observation.setEffective(new DateTimeType(Date.from(effective),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC")));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        String specimenUrl = "urn:uuid:" + UUID.randomUUID();
        specimen.getSubject().setReference(patientUrl);
        observation.getSubject().setReference(patientUrl);
        observation.getSpecimen().setReference(specimenUrl);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient").setIfNoneExist("identifier=" + patientSystem + "|" + patientValue);
        bundle.addEntry().setFullUrl(specimenUrl).setResource(specimen).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Specimen").setIfNoneExist("identifier=" + ACCESSION + "|" + accession);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                .setIfNoneExist("identifier=" + LabData.RESULT_ID + "|" + observation.getIdentifierFirstRep()
                        .getValue());
        return bundle;
    }

    HttpResponse<String> postBundle(String lab, Bundle bundle) throws Exception {
        String json = FhirTestClient.fhir().newJsonParser().encodeResourceToString(bundle);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis(lab)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    int clinicianCannotRead(String reference) throws Exception {
        String path = reference.contains("/") ? reference : "Observation/" + reference;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/" + path)).header("Authorization", "Bearer " + Tokens.of(port, Tokens.clinician("SOMEONE-ELSE"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String patientOf(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("entry").get(0).path("response").path("location").asText()
                .split("/")[1];
    }

    static String specimenOf(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("entry").get(1).path("response").path("location").asText()
                .split("/")[1];
    }

    JsonNode flightInspection(ApiClient qc, String alliance, long position) {
        // the grading is in the same transaction as the result: once the read models reach it, it is there
        qc.awaitPosition(position);
        JsonNode outcomes = qc.get("/api/eqa/flight-inspections?alliance=" + alliance).body();
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    static TreeSet<String> headerNames(HttpResponse<String> answer) {
        TreeSet<String> names = new TreeSet<>();
        answer.headers().map().keySet().forEach(n -> names.add(n.toLowerCase()));
        names.remove("date");
        return names;
    }

    static List<String> statuses(HttpResponse<String> answer) throws Exception {
        List<String> statuses = new ArrayList<>();
        JSON.readTree(answer.body()).path("entry").forEach(e -> statuses.add(e.path("response").path("status")
                .asText()));
        return statuses;
    }

    /** The JSON's structure: every field path, without values (ids and times differ by nature). */
    static TreeSet<String> shape(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, TreeSet<String> paths) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                collect(node.get(name), path + "." + name, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", paths);
            }
        } else {
            paths.add(path);
        }
    }
}

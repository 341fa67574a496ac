package org.huren.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.unique;

/**
 * CDS Hooks for the doctor's workstation (issue 16, ADR 0016) over HTTP, as a CDS client sends it: a clinician at a
 * community member orders potassium (LOINC), glucose (the alliance's catalog code) and sodium for a patient whose
 * potassium and glucose a core lab of the alliance measured and whose sodium only a lab of another alliance did.
 * Discovery lists both hooks; order-sign with the patient prefetched and order-select without it (HuRen resolves
 * the patient itself) answer a card per reusable item — none for sodium — in Chinese, or in English when asked;
 * the feedback records the reuse and the re-test with its reason, and the KPIs count them. Without a token 401,
 * without role CLINICIAN 403.
 */
@HurenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksIT {

    static final String POTASSIUM = "2823-3";
    static final String GLUCOSE = "14749-6";
    static final String SODIUM = "2951-2";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    String alliance;
    /** The clinic's second alliance. */
    String second;
    String clinic;
    String coreLab;
    String nationalId;
    String patientId;
    String potassiumResult;
    String glucoseResult;
    long ready;
    ApiClient qc;

    /** Alliance X (core lab, clinic), alliance Y (another lab only); one person's results at the core lab and in Y. */
    @BeforeAll
    void twoAlliancesAndOnePatient() {
        qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alliance = "cds-" + suffix;
        String other = "cds-other-" + suffix;
        second = "cds-second-" + suffix;
        String secondLab = "CE-" + suffix;
        coreLab = "CA-" + suffix;
        clinic = "CD-" + suffix;
        String otherLab = "CB-" + suffix;
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        AllianceSteps steps = new AllianceSteps(qc);
        steps.form(alliance, "互认医联体", "CITY_GROUP", "TIGHT").enrol(alliance, coreLab, "CORE")
                .enrol(alliance, clinic, "COMMUNITY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.form(other, "另一医联体", "CITY_GROUP", "TIGHT").enrol(other, otherLab, "CORE").seedCatalog(other)
                .letNotYetKnownPass(other);
        steps.form(second, "专科联盟", "SPECIALTY_ALLIANCE", "LOOSE").enrol(second, secondLab, "CORE")
                .enrol(second, clinic, "COMMUNITY").seedCatalog(second).letNotYetKnownPass(second);
        for (String trusting : List.of(alliance, other, second)) {
            assertThat(qc.post("/api/alliances/" + trusting + "/trusted-identifier-systems", Map.of("system",
                    LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        }
        steps.accredit(alliance, coreLab, today, List.of("K", "GLU", "NA"));
        steps.accredit(other, otherLab, today, List.of("NA"));
        steps.accredit(second, secondLab, today, List.of("K"));
        Instant enrolled = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(enrolled.plusMillis(50)));

        nationalId = unique("4201");
        String base = "http://localhost:" + port + "/fhir";
        FhirTestClient core = new FhirTestClient(base, coreLab);
        FhirTestClient otherLis = new FhirTestClient(base, otherLab);
        FhirTestClient secondLis = new FhirTestClient(base, secondLab);
        // the clinic's second alliance recognizes an older potassium of the same person
        secondLis.transaction(LabData.transaction(person(nationalId, "E"), result(POTASSIUM, "3.8", enrolled)));
        Bundle posted = core.transaction(LabData.transaction(person(nationalId, "A"),
                result(POTASSIUM, "4.1", enrolled.plusMillis(20)), result(GLUCOSE, "5.4", enrolled)));
        patientId = LabData.idOf(posted, 0);
        potassiumResult = LabData.idOf(posted, 1);
        glucoseResult = LabData.idOf(posted, 2);
        otherLis.transaction(LabData.transaction(person(nationalId, "B"), result(SODIUM, "140", enrolled)));
        ready = Math.max(Math.max(qc.lastPosition(), secondLis.lastPosition()),
                Math.max(core.lastPosition(), otherLis.lastPosition()));
    }

    @Test
    void discoveryListsTheServiceOfEachOrderHookWithItsPatientPrefetch() {
        Answer discovery = send("GET", "/cds-services", null, Tokens.clinician(clinic), null, -1);
        assertThat(discovery.status()).isEqualTo(200);
        Map<String, JsonNode> byHook = new HashMap<>();
        discovery.body().path("services").forEach(service -> byHook.put(service.path("hook").asText(), service));
        assertThat(byHook).containsOnlyKeys("order-select", "order-sign");
        assertThat(byHook.get("order-sign").path("id").asText()).isEqualTo(ReusableResultHooks.ON_SIGN);
        assertThat(byHook.get("order-select").path("prefetch").path("patient").asText())
                .isEqualTo("Patient/{{context.patientId}}");
        assertThat(byHook.get("order-select").path("description").asText()).isNotBlank();
        assertThat(byHook.get("order-select").has("source")).as("HAPI's resolution hints stay inside").isFalse();
    }

    @Test
    void aCardPerReusableItemAndTheFeedbackRecordsReuseAndRetestForTheKpis() {
        // order-sign, the patient prefetched as an EHR holds it (its national ID only)
        Patient prefetched = new Patient();
        prefetched.setId(patientId);
        prefetched.addIdentifier().setSystem(LabData.NATIONAL_ID).setValue(nationalId);
        ObjectNode sign = hook("order-sign", drafts(), prefetched, null);
        Answer signed = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN, sign, Tokens.clinician(clinic),
                null, ready);
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
        assertThat(signed.header("Content-Language")).isEqualTo("zh");
        Map<String, JsonNode> cards = byDeletedOrder(signed.body());
        assertThat(cards).as("potassium and glucose are reusable, potassium in both of the clinic's alliances but "
                        + "shown once; sodium only in an alliance the clinic is not in")
                .containsOnlyKeys("ServiceRequest/sr-k", "ServiceRequest/sr-glu");

        JsonNode potassium = cards.get("ServiceRequest/sr-k");
        assertThat(potassium.path("summary").asText()).contains("钾", "4.1 mmol/L", coreLab + " 检验科", "HR");
        assertThat(potassium.path("summary").asText().length()).isLessThan(140);
        assertThat(potassium.path("detail").asText()).contains("互认医联体", "| 4.1 mmol/L | " + coreLab + " 检验科",
                "向患者说明");
        assertThat(potassium.path("indicator").asText()).isEqualTo("info");
        assertThat(potassium.path("source").path("topic").path("code").asText()).isEqualTo("recognized");
        assertThat(potassium.path("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode link = potassium.path("links").get(0);
        assertThat(link.path("type").asText()).isEqualTo("absolute");
        assertThat(link.path("url").asText()).isEqualTo("http://localhost:" + port + "/fhir/Observation/"
                + potassiumResult);
        JsonNode action = potassium.path("suggestions").get(0).path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("delete");
        assertThat(action.path("resourceId").asText()).isEqualTo("ServiceRequest/sr-k");
        List<String> reasons = new ArrayList<>();
        potassium.path("overrideReasons").forEach(r -> reasons.add(r.path("code").asText()));
        assertThat(reasons).containsExactly("CONDITION_CHANGED", "FAST_CHANGING", "MAJOR_INTERVENTION", "EMERGENCY",
                "APPRAISAL", "PATIENT_REQUEST", "LAB_FAILED_EQA", "TOO_OLD", "OTHER");
        assertThat(potassium.path("overrideReasons").get(0).path("system").asText())
                .isEqualTo("https://huren.org/fhir/CodeSystem/retest-reason");
        assertThat(cards.get("ServiceRequest/sr-glu").path("links").get(0).path("url").asText())
                .endsWith("/fhir/Observation/" + glucoseResult);
        assertThat(cards.get("ServiceRequest/sr-glu").path("summary").asText()).contains("葡萄糖", "5.4 mmol/L");

        // order-select of potassium without prefetch: HuRen finds the patient's identifiers itself; in English
        ObjectNode select = hook("order-select", drafts(), null, List.of("ServiceRequest/sr-k"));
        Answer selected = send("POST", "/cds-services/" + ReusableResultHooks.ON_SELECT, select,
                Tokens.clinician(clinic), "en-US,en;q=0.9,zh;q=0.5", ready);
        assertThat(selected.status()).as(selected.body().toString()).isEqualTo(200);
        assertThat(selected.header("Content-Language")).isEqualTo("en");
        Map<String, JsonNode> selectedCards = byDeletedOrder(selected.body());
        assertThat(selectedCards).containsOnlyKeys("ServiceRequest/sr-k");
        JsonNode again = selectedCards.get("ServiceRequest/sr-k");
        assertThat(again.path("summary").asText()).contains("Potassium", "recognized result (HR)", "4.1 mmol/L");
        assertThat(again.path("overrideReasons").get(0).path("display").asText()).contains("condition changed");
        assertThat(again.path("uuid").asText()).as("the same draft order is the same lookup, not a second reminder")
                .isEqualTo(potassium.path("uuid").asText());

        // what the lookups counted: potassium, glucose (reminders) and sodium (nothing found) in this alliance
        qc.awaitPosition(Math.max(signed.position(), selected.position()));
        JsonNode asked = kpi();
        assertThat(asked.path("lookups").asLong()).isEqualTo(3);
        assertThat(asked.path("reminders").asLong()).isEqualTo(2);
        assertThat(asked.path("reused").asLong()).isZero();
        JsonNode inSecond = kpi(second);
        assertThat(inSecond.path("lookups").asLong())
                .as("the second alliance was asked too, and found no glucose or sodium; its older potassium was "
                        + "not shown, so it raised no reminder").isEqualTo(2);
        assertThat(inSecond.path("reminders").asLong()).isZero();

        // a feedback request with an item refused records none of its items: potassium is not re-tested here
        ObjectNode halfWrong = JSON.createObjectNode();
        halfWrong.putArray("feedback").add(overridden(potassium.path("uuid").asText(), "EMERGENCY", null))
                .add(overridden(UUID.randomUUID().toString(), "EMERGENCY", null));
        assertThat(send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", halfWrong,
                Tokens.clinician(clinic), null, -1).status()).isEqualTo(422);

        // the clinician reuses potassium and re-tests glucose: one feedback request, both recorded together
        String glucoseCard = cards.get("ServiceRequest/sr-glu").path("uuid").asText();
        ObjectNode feedback = JSON.createObjectNode();
        feedback.putArray("feedback")
                .add(accepted(potassium))
                .add(overridden(glucoseCard, "CONDITION_CHANGED", "血糖控制不佳，需复查"));
        Answer recorded = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", feedback,
                Tokens.clinician(clinic), null, -1);
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(200);
        qc.awaitPosition(recorded.position());
        JsonNode decided = kpi();
        assertThat(decided.path("lookups").asLong()).isEqualTo(3);
        assertThat(decided.path("reminders").asLong()).isEqualTo(2);
        assertThat(decided.path("reused").asLong()).isEqualTo(1);
        assertThat(decided.path("retested").asLong()).isEqualTo(1);
        assertThat(decided.path("reuseRatePercent").decimalValue()).isEqualByComparingTo("50.00");
        JsonNode summary = qc.get("/api/alliances/" + alliance + "/reuse-summary").body();
        assertThat(summary.path("retestsByReason").path("CONDITION_CHANGED").asLong()).isEqualTo(1);

        // the same feedback again records nothing; a different outcome for a decided card is refused
        Answer repeated = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", feedback,
                Tokens.clinician(clinic), null, -1);
        assertThat(repeated.status()).isEqualTo(200);
        ObjectNode changed = JSON.createObjectNode();
        changed.putArray("feedback").add(overridden(potassium.path("uuid").asText(), "EMERGENCY", null));
        assertThat(send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", changed,
                Tokens.clinician(clinic), null, -1).status()).isEqualTo(409);
        ObjectNode unknown = JSON.createObjectNode();
        unknown.putArray("feedback").add(overridden(UUID.randomUUID().toString(), "EMERGENCY", null));
        Answer unknownCard = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", unknown,
                Tokens.clinician(clinic), null, -1);
        assertThat(unknownCard.status()).isEqualTo(422);
        assertThat(unknownCard.body().path("rule").asText()).isEqualTo("unknown-card");
        assertThat(send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN + "/feedback", feedback,
                Tokens.clinician(coreLab), null, -1).status()).as("another lab's clinician: not their card")
                .isEqualTo(422);
        qc.awaitPosition(repeated.position());
        assertThat(kpi().path("reused").asLong()).isEqualTo(1);
    }

    @Test
    void aMachineClientWithRoleClinicianAsksForItsLab() {
        Tokens.Identity ehr = Tokens.Identity.client("test-cds-ehr-" + clinic.toLowerCase(), List.of("CLINICIAN"),
                clinic, List.of());
        ObjectNode select = hook("order-select", drafts(), null, List.of("ServiceRequest/sr-glu",
                "ServiceRequest/sr-na"));
        Answer answer = send("POST", "/cds-services/" + ReusableResultHooks.ON_SELECT, select, ehr, null, ready);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(byDeletedOrder(answer.body())).containsOnlyKeys("ServiceRequest/sr-glu");

        // the call read patient data and recorded lookups: it is on the audit trail (ADR 0013)
        Bundle audited = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.operator()).client().search()
                .byUrl("AuditEvent?agent=" + ehr.name()).returnBundle(Bundle.class).execute();
        assertThat(audited.getEntry()).hasSize(1);
        AuditEvent event = (AuditEvent) audited.getEntryFirstRep().getResource();
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        assertThat(event.getSubtype()).anySatisfy(s -> assertThat(s.getCode())
                .isEqualTo("POST /cds-services/{serviceId}"));
    }

    @Test
    void aPatientHuRenDoesNotKnowWithoutPrefetchIsAPreconditionFailure() {
        ObjectNode sign = hook("order-sign", drafts(), null, null);
        ((ObjectNode) sign.path("context")).put("patientId", "no-such-patient");
        Answer answer = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN, sign, Tokens.clinician(clinic),
                null, ready);
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.body().path("field").asText()).isEqualTo("context.patientId");
    }

    @Test
    void withoutATokenNoneAndWithoutRoleClinicianRefused() {
        ObjectNode sign = hook("order-sign", drafts(), null, null);
        assertThat(send("GET", "/cds-services", null, null, null, -1).status()).isEqualTo(401);
        assertThat(send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN, sign, null, null, -1).status())
                .isEqualTo(401);
        assertThat(send("GET", "/cds-services", null, Tokens.lis(coreLab), null, -1).status()).isEqualTo(403);
        Answer lis = send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN, sign, Tokens.lis(coreLab), null,
                -1);
        assertThat(lis.status()).isEqualTo(403);
        assertThat(lis.body().path("detail").asText()).contains("CLINICIAN");
        assertThat(send("POST", "/cds-services/no-such-service", sign, Tokens.clinician(clinic), null, -1).status())
                .isEqualTo(404);
        ObjectNode noHookInstance = hook("order-sign", drafts(), null, null);
        noHookInstance.remove("hookInstance");
        assertThat(send("POST", "/cds-services/" + ReusableResultHooks.ON_SIGN, noHookInstance,
                Tokens.clinician(clinic), null, -1).status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ requests

    /** The draft orders: potassium (LOINC), glucose (the alliance's catalog code), sodium (LOINC), a medication. */
    Bundle drafts() {
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(order("sr-k", "http://loinc.org", POTASSIUM, "血钾"));
        drafts.addEntry().setResource(order("sr-glu", "https://huren.org/fhir/CodeSystem/catalog/" + alliance, "GLU",
                "空腹血糖"));
        drafts.addEntry().setResource(order("sr-na", "http://loinc.org", SODIUM, "血钠"));
        MedicationRequest medication = new MedicationRequest();
        medication.setId("mr-1");
        medication.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        medication.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        medication.getMedicationCodeableConcept().setText("二甲双胍");
        drafts.addEntry().setResource(medication);
        return drafts;
    }

    ServiceRequest order(String id, String system, String code, String text) {
        ServiceRequest order = new ServiceRequest();
        order.setId(id);
        order.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.getCode().addCoding().setSystem(system).setCode(code);
        order.getCode().setText(text);
        order.getSubject().setReference("Patient/" + patientId);
        return order;
    }

    /** A hook request as CDS Hooks 2.0 shapes it. */
    ObjectNode hook(String hook, Bundle drafts, Patient prefetched, List<String> selections) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", hook);
        request.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/dr-wang");
        context.put("patientId", patientId);
        if (selections != null) {
            selections.forEach(context.putArray("selections")::add);
        }
        context.set("draftOrders", resource(drafts));
        if (prefetched != null) {
            request.putObject("prefetch").set(ReusableResultHooks.PATIENT, resource(prefetched));
        }
        return request;
    }

    static ObjectNode accepted(JsonNode card) {
        ObjectNode item = JSON.createObjectNode();
        item.put("card", card.path("uuid").asText());
        item.put("outcome", "accepted");
        item.putArray("acceptedSuggestions").addObject().put("id", card.path("suggestions").get(0).path("uuid")
                .asText());
        item.put("outcomeTimestamp", Instant.now().toString());
        return item;
    }

    static ObjectNode overridden(String card, String reason, String comment) {
        ObjectNode item = JSON.createObjectNode();
        item.put("card", card);
        item.put("outcome", "overridden");
        ObjectNode overrideReason = item.putObject("overrideReason");
        overrideReason.putObject("reason").put("code", reason)
                .put("system", "https://huren.org/fhir/CodeSystem/retest-reason");
        if (comment != null) {
            overrideReason.put("userComment", comment);
        }
        item.put("outcomeTimestamp", Instant.now().toString());
        return item;
    }

    static Map<String, JsonNode> byDeletedOrder(JsonNode response) {
        Map<String, JsonNode> cards = new HashMap<>();
        response.path("cards").forEach(card -> cards.put(card.path("suggestions").get(0).path("actions").get(0)
                .path("resourceId").asText(), card));
        return cards;
    }

    JsonNode kpi() {
        return kpi(alliance);
    }

    JsonNode kpi(String of) {
        return qc.get("/api/alliances/" + of + "/reuse-kpis?by=ALLIANCE").body().get(0);
    }

    record Answer(int status, JsonNode body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        long position() {
            return Long.parseLong(header(HurenHeaders.EVENT_POSITION));
        }
    }

    Answer send(String method, String path, JsonNode body, Tokens.Identity identity, String language,
                long awaitPosition) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (identity != null) {
            request.header("Authorization", "Bearer " + Tokens.of(port, identity));
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (awaitPosition >= 0) {
            request.header(HurenHeaders.AWAIT_POSITION, Long.toString(awaitPosition))
                    .header(HurenHeaders.AWAIT_MILLIS, "60000");
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ lab data

    Patient person(String nationalId, String lab) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(LabData.NATIONAL_ID).setValue(nationalId);
        patient.addIdentifier().setSystem(LabData.MRN).setValue(lab + "-" + nationalId);
        patient.addName().setFamily("王").addGiven("芳");
        return patient;
    }

    static Observation result(String loinc, String value, Instant effective) {
        Observation result = LabData.potassium(unique("R"), null, value);
        result.getCode().getCodingFirstRep().setCode(loinc).setDisplay(null);
        result.setEffective(new DateTimeType(Date.from(effective), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        return result;
    }

    static JsonNode resource(Resource resource) {
        try {
            return JSON.readTree(FhirTestClient.fhir().newJsonParser().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

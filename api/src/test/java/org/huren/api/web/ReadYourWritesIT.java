package org.huren.api.web;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.projection.ProcessorPositions;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.FhirReadModels;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Read-your-writes everywhere: the position a write answers covers everything it causes (the patient links
 * included); a write that checks a read model never refuses on a stale read; a read awaiting a position waits
 * only for the read models it reads. Each case is repeated, because a race shows itself only some of the time.
 */
@HurenIntegrationTest
class ReadYourWritesIT {

    static final int ITERATIONS = 30;
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @LocalServerPort
    int port;

    @Autowired
    ProcessorPositions processors;

    @Test
    void aSearchByOneLabsMrnFindsThePersonAnotherLabHasJustPosted() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "ryw-" + suffix;
        String labA = "RYWA-" + suffix;
        String labB = "RYWB-" + suffix;
        new AllianceSteps(qc).form(alliance, "读己之写医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "COMMUNITY");
        assertThat(qc.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        qc.get("/api/alliances/" + alliance + "/members");
        FhirTestClient lisA = new FhirTestClient(fhir(), labA);
        FhirTestClient lisB = new FhirTestClient(fhir(), labB);

        for (int i = 0; i < ITERATIONS; i++) {
            String nationalId = unique("1140");
            String mrnA = unique("MRN-A");
            Bundle a = lisA.transaction(LabData.transaction(person(nationalId, mrnA), potassium(unique("R"), null,
                    "4.0")));
            Bundle b = lisB.transaction(LabData.transaction(person(nationalId, unique("MRN-B")),
                    potassium(unique("R"), null, "4.2")));
            FhirTestClient clinician = new FhirTestClient(fhir(), Tokens.qcNetwork());
            clinician.awaitPosition(Math.max(lisA.lastPosition(), lisB.lastPosition()));
            assertThat(byIdentifier(clinician, mrnA)).as("iteration %d: lab A's MRN finds lab B's result too", i)
                    .containsExactlyInAnyOrder(LabData.idOf(a, 1), LabData.idOf(b, 1));
        }
    }

    @Test
    void aLabIsAParticipantAndASubmitterRightAfterItsEnrolment() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "rye-" + suffix;
        new AllianceSteps(qc).form(alliance, "入会即用医联体", "CITY_GROUP", "TIGHT").seedCatalog(alliance);
        for (int i = 0; i < ITERATIONS; i++) {
            String lab = "RYE" + i + "-" + suffix;
            new AllianceSteps(qc).enrol(alliance, lab, "SECONDARY");
            ApiClient.Answer opened = qc.post("/api/eqa/rounds", round(alliance, "r" + i, lab, "K"));
            assertThat(opened.status()).as("iteration %d: %s", i, opened.body()).isEqualTo(201);

            String next = "RYL" + i + "-" + suffix;
            new AllianceSteps(qc).enrol(alliance, next, "COMMUNITY");
            Bundle written = new FhirTestClient(fhir(), next).transaction(LabData.transaction(
                    LabData.patient(unique("1141")), potassium(unique("R"), null, "4.1")));
            assertThat(written.getEntry()).as("iteration %d: the LIS of a lab enrolled a moment ago", i).hasSize(2);
        }
    }

    @Test
    void aCatalogItemIsUsableAndReadableRightAfterItsPublication() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "ryc-" + suffix;
        String lab = "RYC-" + suffix;
        new AllianceSteps(qc).form(alliance, "目录即用医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "CORE");
        qc.get("/api/alliances/" + alliance + "/members");
        for (int i = 0; i < ITERATIONS; i++) {
            String code = "X" + i;
            ApiClient.Answer published = qc.post("/api/alliances/" + alliance + "/catalog/items",
                    item(code, "99" + (100 + i) + "-1", TODAY));
            assertThat(published.status()).as(published.body().toString()).isEqualTo(201);
            ApiClient.Answer opened = qc.post("/api/eqa/rounds", round(alliance, "c" + i, lab, code));
            assertThat(opened.status()).as("iteration %d: %s", i, opened.body()).isEqualTo(201);
            ApiClient.Answer read = qc.get("/api/alliances/" + alliance + "/catalog/items/" + code);
            assertThat(read.status()).as("iteration %d: %s", i, read.body()).isEqualTo(200);
        }
        String later = LocalDate.parse(TODAY).plusMonths(1).toString();
        ApiClient.Answer upcoming = qc.post("/api/alliances/" + alliance + "/catalog/items", item("XL", "99999-1", later));
        assertThat(upcoming.status()).isEqualTo(201);
        ApiClient.Answer read = qc.get("/api/alliances/" + alliance + "/catalog/items/XL");
        assertThat(read.status()).as("the item a 201 points at, before it takes effect: %s", read.body())
                .isEqualTo(200);
        assertThat(read.body().path("item").path("effectiveFrom").asText()).isEqualTo(later);
    }

    @Test
    void anIqcReadAwaitsOnlyTheIqcReadModel() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "ryi-" + suffix;
        String lab = "RYI-" + suffix;
        new AllianceSteps(qc).form(alliance, "质控读取医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "CORE")
                .seedCatalog(alliance);
        FhirTestClient lis = new FhirTestClient(fhir(), lab);
        qc.as(Tokens.operator()).get("/api/projections/status");

        StreamingEventProcessor audit = processors.processors().get("audit");
        audit.shutdownAsync().join();
        try {
            String iqc = "/api/iqc/" + lab + "/K";
            assertThat(qc.put(iqc + "/levels/L1/lots/L1-1", Map.of("mean", "4.00", "sd", "0.10")).status())
                    .isEqualTo(200);
            ApiClient.Answer run = qc.post(iqc + "/runs", Map.of("runId", "1", "runAt", Instant.now().toString(),
                    "results", List.of(Map.of("level", "L1", "value", "4.05"))));
            assertThat(run.status()).isEqualTo(200);
            Map<String, String> await = Map.of(HurenHeaders.AWAIT_POSITION, Long.toString(qc.lastPosition()),
                    HurenHeaders.AWAIT_MILLIS, "5000");
            ApiClient.Answer runs = qc.get(iqc + "/runs", await);
            assertThat(runs.status()).as("the audit read model is stopped; IQC does not need it: %s", runs.body())
                    .isEqualTo(200);
            assertThat(runs.body()).hasSize(1);

            Bundle written = lis.transaction(LabData.transaction(LabData.patient(unique("1142")),
                    potassium(unique("R"), null, "4.3")));
            FhirTestClient reader = new FhirTestClient(fhir(), Tokens.qcNetwork());
            reader.awaitPosition(lis.lastPosition());
            assertThat(reader.client().read().resource(Observation.class).withId(LabData.idOf(written, 1)).execute()
                    .getIdElement().getIdPart()).isEqualTo(LabData.idOf(written, 1));

            ApiClient.Answer findings = qc.get("/api/audits/findings?alliance=" + alliance,
                    Map.of(HurenHeaders.AWAIT_POSITION, Long.toString(qc.lastPosition()),
                            HurenHeaders.AWAIT_MILLIS, "200"));
            assertThat(findings.status()).as("the audit view does wait for its stopped read model").isEqualTo(503);
        } finally {
            audit.start();
        }
    }

    @Test
    void everyReadModelIsFedByItsOwnProcessorAndEveryFhirInteractionSaysWhatItReads() {
        assertThat(processors.processors().keySet()).as("the streaming processors are the read models")
                .containsExactlyInAnyOrderElementsOf(ReadModel.ALL.stream().map(ReadModel::processingGroup).toList());
        CapabilityStatement statement = new FhirTestClient(fhir(), Tokens.qcNetwork()).client().capabilities()
                .ofType(CapabilityStatement.class).execute();
        List<String> interactions = new ArrayList<>();
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource
                : statement.getRestFirstRep().getResource()) {
            resource.getInteraction().forEach(i -> interactions.add(resource.getType() + " " + i.getCode().toCode()));
            resource.getOperation().forEach(o -> interactions.add(resource.getType() + " $" + o.getName()));
        }
        statement.getRestFirstRep().getInteraction().forEach(i -> interactions.add(" " + i.getCode().toCode()));
        assertThat(interactions).hasSizeGreaterThan(15);
        assertThat(FhirReadModels.declared()).containsAll(interactions);
    }

    private String fhir() {
        return "http://localhost:" + port + "/fhir";
    }

    static Map<String, Object> round(String alliance, String requestId, String lab, String item) {
        return Map.of("requestId", requestId, "allianceId", alliance, "provider", "CITY_CENTRE",
                "items", List.of(Map.of("itemCode", item)),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", item, "assigned", "4.00")),
                "participants", List.of(lab), "deadline", Instant.now().plusSeconds(3600).toString(),
                "ruleSet", "WS/T 403-2024", "openedBy", "qc");
    }

    static Map<String, Object> item(String code, String loinc, String effectiveFrom) {
        Map<String, Object> item = new HashMap<>();
        item.put("code", code);
        item.put("nameEn", "Test analyte " + code);
        item.put("loinc", loinc);
        item.put("ucumUnit", "mmol/L");
        item.put("teaPercent", 6);
        item.put("validityDays", 7);
        item.put("limitSet", "WS/T 403-2024");
        item.put("effectiveFrom", effectiveFrom);
        return item;
    }

    static Patient person(String nationalId, String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(LabData.NATIONAL_ID).setValue(nationalId);
        patient.addIdentifier().setSystem(LabData.MRN).setValue(mrn);
        return patient;
    }

    static List<String> byIdentifier(FhirTestClient client, String value) {
        return client.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly().code(value)))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}

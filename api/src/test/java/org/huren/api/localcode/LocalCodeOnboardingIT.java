package org.huren.api.localcode;

import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.UriType;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.huren.api.support.Tokens;
import org.huren.api.support.Workbooks;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Onboarding a lab whose LIS sends only its own item codes (ADR 0017), over real HTTP with real tokens: its results
 * are stored, tagged unmapped and listed for its QC manager; a mapping with a wrong unit is refused; its 44-item
 * list (a real .xlsx, Chinese headers and names) is imported; the results taken from the mapping's effective day are
 * recognized, those before it only under a mapping that says it is retroactive; reads carry the catalog's LOINC
 * coding beside the lab's own, code searches find them, and the ConceptMap answers {@code $translate}. A reader
 * asking {@code Accept-Language: zh-CN} reads the unmapped tag, the refusals and the ConceptMap's title in Chinese.
 */
@HurenIntegrationTest
class LocalCodeOnboardingIT {

    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final String HUREN_TAG = "https://huren.org/fhir/CodeSystem/huren-tag";
    static final String LIST = "/localcodes/lis-item-codes.csv";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> CHINESE = Map.of("Accept-Language", "zh-CN");

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Test
    void aLabThatSendsOnlyLocalCodesIsOnboardedByMappingItsList() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "lc-" + suffix;
        String lab = "LC-" + suffix;
        String system = "http://lis.lc-" + suffix + ".example.cn/item-codes";
        LocalDate effective = LocalDate.now(CST).minusDays(5);
        ApiClient qc = new ApiClient(port);
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "本地代码医联体", "COUNTY_COMMUNITY", "TIGHT");
        assertThat(qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab, "institution",
                "城东社区卫生服务中心检验科", "level", "COMMUNITY", "effectiveFrom", effective.minusDays(60).toString()))
                .status()).isEqualTo(201);
        steps.seedCatalog(alliance).letNotYetKnownPass(alliance)
                .accredit(alliance, lab, effective.minusDays(30).toString(), List.of("GLU", "K", "ALB", "NA"));

        // the LIS sends results with its own codes only, before the lab's list is mapped
        FhirTestClient lis = new FhirTestClient(fhir(), lab);
        Bundle sent = lis.transaction(LabData.transaction(LabData.patient(LabData.unique("3301")),
                local("GLU-old", system, "GLU", "葡萄糖", "5.6", "mmol/L", effective.minusDays(2)),
                local("GLU-new", system, "GLU", "葡萄糖", "6.1", "mmol/L", effective.plusDays(1)),
                local("K-new", system, "K", "钾", "4.1", "mmol/L", effective.plusDays(1)),
                local("ALB-new", system, "ALB", "白蛋白", "41", "g/dL", effective.plusDays(1)),
                local("XYZ-new", system, "XYZ", "某特殊项目", "3", "mmol/L", effective.plusDays(1)),
                local("KSTAT-old", system, "K-STAT", "急诊钾", "3.9", "mmol/L", effective.minusDays(2))));
        assertThat(sent.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        String gluOld = LabData.idOf(sent, 1);
        String gluNew = LabData.idOf(sent, 2);
        String kNew = LabData.idOf(sent, 3);
        String albNew = LabData.idOf(sent, 4);
        String xyzNew = LabData.idOf(sent, 5);
        String kStatOld = LabData.idOf(sent, 6);
        for (String id : List.of(gluOld, gluNew, kNew, albNew, xyzNew, kStatOld)) {
            Observation stored = read(lis, id);
            assertThat(tags(stored, HUREN_TAG)).as(id).containsExactly("unmapped");
            assertThat(tags(stored, RecognitionReads.TAG_SYSTEM)).as(id).containsExactly("not-recognized");
            assertThat(stored.getCode().getCoding()).extracting(Coding::getSystem).containsExactly(system);
        }
        // the unmapped tag says so in the reader's language (Accept-Language, issue 18)
        FhirTestClient lisInChinese = inChinese(new FhirTestClient(fhir(), lab));
        lisInChinese.awaitPosition(lis.lastPosition());
        assertThat(read(lis, xyzNew).getMeta().getTag()).filteredOn(t -> HUREN_TAG.equals(t.getSystem()))
                .extracting(Coding::getDisplay)
                .containsExactly("sent with a local code its lab has not mapped to a catalog item: not recognized");
        assertThat(read(lisInChinese, xyzNew).getMeta().getTag()).filteredOn(t -> HUREN_TAG.equals(t.getSystem()))
                .extracting(Coding::getDisplay).containsExactly("本院项目代码未对照到互认项目目录：不参与互认");

        // its QC manager (the lab's staff) sees what is unmapped: codes, counts, examples
        ApiClient staff = new ApiClient(port, lab);
        staff.awaitPosition(lis.lastPosition());
        JsonNode unmapped = staff.get("/api/labs/" + lab + "/unmapped-codes").body();
        assertThat(codes(unmapped)).containsExactly("GLU", "ALB", "K", "K-STAT", "XYZ");
        assertThat(unmapped.get(0).path("results").asLong()).isEqualTo(2);
        assertThat(unmapped.get(0).path("display").asText()).isEqualTo("葡萄糖");
        assertThat(StreamSupport.stream(unmapped.get(0).path("examples").spliterator(), false)
                .map(e -> e.path("resultId").asText()).toList()).containsExactly(gluNew, gluOld);

        // a mapping whose unit cannot convert to the catalog unit is refused, naming the unit; nothing is stored
        long events = eventStore.eventCount();
        ApiClient.Answer wrongUnit = staff.post("/api/labs/" + lab + "/code-maps/mappings", Map.of("system", system,
                "code", "K", "display", "钾", "unit", "mg/dL", "itemCode", "K"));
        assertThat(wrongUnit.status()).as(wrongUnit.body().toString()).isEqualTo(422);
        assertThat(wrongUnit.contentType()).startsWith("application/problem+json");
        assertThat(wrongUnit.text("rule")).isEqualTo("unit-not-convertible");
        assertThat(wrongUnit.text("field")).isEqualTo("unit");
        ApiClient.Answer wrongUnitInChinese = staff.post("/api/labs/" + lab + "/code-maps/mappings", Map.of("system",
                system, "code", "K", "display", "钾", "unit", "mg/dL", "itemCode", "K"), CHINESE);
        assertThat(wrongUnitInChinese.status()).isEqualTo(422);
        assertThat(wrongUnitInChinese.text("rule")).isEqualTo("unit-not-convertible");
        assertThat(wrongUnitInChinese.text("detail")).isEqualTo("单位 mg/dL 无法换算为互认项目 K 的单位 mmol/L："
                + "按此对照的结果将无法比对，请核对本院所用单位或所选的互认项目");
        List<List<String>> withWrongUnit = new ArrayList<>(Workbooks.csv(LIST).stream().map(r -> r.toList()).toList());
        withWrongUnit.set(2, List.of("K", "钾", "mg/dL", "K", ""));
        HttpResponse<String> refused = upload(lab, system, effective, Workbooks.xlsx(withWrongUnit, "对照", null));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(problem.path("field").asText()).isEqualTo("rows[3].unit");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("detail").asText()).contains("unit mg/dL does not convert to K's unit mmol/L");
        JsonNode problemInChinese = JSON.readTree(upload(lab, system, effective,
                Workbooks.xlsx(withWrongUnit, "对照", null), "zh-CN").body());
        assertThat(problemInChinese.path("field").asText()).isEqualTo("rows[3].unit");
        assertThat(problemInChinese.path("detail").asText()).startsWith("单位 mg/dL 无法换算为互认项目 K 的单位 mmol/L");
        assertThat(eventStore.eventCount()).as("nothing of a refused request is stored").isEqualTo(events);
        assertThat(staff.get("/api/labs/" + lab + "/code-maps").body()).isEmpty();

        // the lab's list as it delivers it: a real .xlsx with Chinese headers, 44 items, 40 of them in the catalog
        byte[] workbook = Workbooks.xlsx(LIST, "检验项目对照", lab + " 检验科 项目代码对照表");
        HttpResponse<String> imported = upload(lab, system, effective, workbook);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("rows").asInt()).isEqualTo(44);
        assertThat(report.path("mapped").asInt()).isEqualTo(40);
        assertThat(report.path("skipped").asInt()).isEqualTo(4);
        assertThat(report.path("version").asInt()).isEqualTo(40);
        String mapId = report.path("codeMapId").asText();
        JsonNode wbc = StreamSupport.stream(report.path("changes").spliterator(), false)
                .filter(c -> c.path("code").asText().equals("WBC")).findFirst().orElseThrow();
        assertThat(wbc.path("loinc").asText()).as("×10^9/L is read as 10*9/L").isEqualTo("6690-2");
        long importPosition = Long.parseLong(imported.headers().firstValue(HurenHeaders.EVENT_POSITION).orElseThrow());
        HttpResponse<String> again = upload(lab, system, effective.plusDays(1), workbook);
        assertThat(JSON.readTree(again.body()).path("unchanged").asInt()).as("the same list again").isEqualTo(40);
        assertThat(JSON.readTree(again.body()).path("version").asInt()).isEqualTo(40);
        lis.awaitPosition(importPosition);
        staff.awaitPosition(importPosition);

        // results from the mapping's effective day are recognized, with the catalog's LOINC beside the lab's code
        Observation glucose = read(lis, gluNew);
        assertThat(tags(glucose, RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");
        assertThat(tags(glucose, HUREN_TAG)).isEmpty();
        assertThat(glucose.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(system + "|GLU", "http://loinc.org|14749-6");
        assertThat(tags(read(lis, kNew), RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");
        // before it, not: the list's mappings do not say they are retroactive
        assertThat(tags(read(lis, gluOld), RecognitionReads.TAG_SYSTEM)).containsExactly("not-recognized");
        assertThat(tags(read(lis, gluOld), HUREN_TAG)).containsExactly("unmapped");
        // a g/L value labelled g/dL is held back and flagged, not silently recognized
        Observation albumin = read(lis, albNew);
        assertThat(tags(albumin, RecognitionReads.TAG_SYSTEM)).containsExactly("not-recognized");
        assertThat(tags(albumin, HUREN_TAG)).isEmpty();
        JsonNode flagged = staff.get("/api/labs/" + lab + "/flagged-values").body();
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).path("resultId").asText()).isEqualTo(albNew);
        assertThat(flagged.get(0).path("itemCode").asText()).isEqualTo("ALB");
        assertThat(flagged.get(0).path("localCode").asText()).isEqualTo("ALB");
        assertThat(flagged.get(0).path("reason").asText()).contains("410 g/L").contains("plausible range 5–80");
        assertThat(codes(staff.get("/api/labs/" + lab + "/unmapped-codes").body()))
                .containsExactly("GLU", "K-STAT", "XYZ");

        // recognized from when the mapping was recorded, with the mapping as evidence; not before
        Parameters explained = lis.client().operation().onInstance("Observation/" + gluNew).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = explained.getParameter().get(0);
        assertThat(RecognitionReads.part(decision, "status")).isEqualTo("recognized");
        assertThat(Instant.parse(RecognitionReads.part(decision, "since"))).isAfter(
                Instant.now().minusSeconds(600));
        Parameters.ParametersParameterComponent item = decision.getPart().stream()
                .filter(p -> p.getName().equals("criterion") && "ITEM_IN_CATALOG".equals(RecognitionReads.part(p,
                        "code"))).findFirst().orElseThrow();
        assertThat(RecognitionReads.part(item, "reason")).contains(system + "|GLU maps to LOINC 14749-6");
        assertThat(item.getPart().stream().filter(p -> p.getName().equals("evidence"))
                .map(p -> p.getValue().primitiveValue())).anyMatch(e -> e.contains(mapId));

        // a mapping that says it is retroactive reaches results stored before its effective day
        ApiClient.Answer retroactive = staff.post("/api/labs/" + lab + "/code-maps/mappings", Map.of("system", system,
                "code", "K-STAT", "display", "急诊钾", "unit", "mmol/L", "itemCode", "K", "effectiveFrom",
                effective.toString(), "retroactive", true));
        assertThat(retroactive.status()).as(retroactive.body().toString()).isEqualTo(201);
        assertThat(retroactive.text("change")).isEqualTo("MAPPED");
        assertThat(retroactive.body().path("version").asInt()).isEqualTo(41);
        assertThat(staff.get(retroactive.headers().firstValue("Location").orElseThrow()).status()).isEqualTo(200);
        lis.awaitPosition(staff.lastPosition());
        assertThat(tags(read(lis, kStatOld), RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");

        // from now on a result coded GLU is recognized as it arrives, and a LOINC search finds it
        Observation fresh = local("GLU-today", system, "GLU", "葡萄糖", "5.2", "mmol/L",
                LocalDate.now(CST).minusDays(1));
        fresh.getSubject().setReference("Patient/" + LabData.idOf(sent, 0));
        String freshId = lis.client().create().resource(fresh).execute().getId().getIdPart();
        assertThat(tags(read(lis, freshId), RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");
        Bundle byLoinc = lis.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + LabData.idOf(sent, 0)))
                .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", "14749-6"))
                .returnBundle(Bundle.class).execute();
        assertThat(byLoinc.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder(gluNew, freshId);
        FhirTestClient network = new FhirTestClient(fhir(), Tokens.qcNetwork());
        network.awaitPosition(lis.lastPosition());
        Bundle byLoincAtLab = network.client().search().forResource(Observation.class)
                .where(Observation.CODE.exactly().code("14749-6"))
                .and(Observation.PERFORMER.hasId("Organization/" + lab)).returnBundle(Bundle.class).execute();
        assertThat(byLoincAtLab.getEntry()).as("by code alone, at the lab").extracting(e -> e.getResource()
                .getIdElement().getIdPart()).containsExactlyInAnyOrder(gluNew, freshId);
        Bundle unmappedTagged = lis.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + LabData.idOf(sent, 0)))
                .withTag(HUREN_TAG, "unmapped").returnBundle(Bundle.class).execute();
        assertThat(unmappedTagged.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder(gluOld, xyzNew);

        // the map as a FHIR ConceptMap, found by its source system, read by id, and $translate
        Bundle maps = lis.client().search().forResource(ConceptMap.class)
                .where(ConceptMap.SOURCE_SYSTEM.matches().value(system)).returnBundle(Bundle.class).execute();
        assertThat(maps.getEntry()).hasSize(1);
        ConceptMap conceptMap = lis.client().read().resource(ConceptMap.class).withId(mapId).execute();
        assertThat(conceptMap.getVersion()).isEqualTo("41");
        assertThat(conceptMap.getTitle()).isEqualTo(lab + " local item codes → LOINC");
        assertThat(lisInChinese.client().read().resource(ConceptMap.class).withId(mapId).execute().getTitle())
                .isEqualTo(lab + " 本院项目代码对照（本院代码 → LOINC）");
        assertThat(conceptMap.getGroupFirstRep().getSource()).isEqualTo(system);
        assertThat(conceptMap.getGroupFirstRep().getElement()).hasSize(41);
        ConceptMap.SourceElementComponent wbcElement = conceptMap.getGroupFirstRep().getElement().stream()
                .filter(e -> e.getCode().equals("WBC")).findFirst().orElseThrow();
        assertThat(wbcElement.getDisplay()).isEqualTo("白细胞计数");
        assertThat(wbcElement.getTargetFirstRep().getCode()).isEqualTo("6690-2");
        assertThat(wbcElement.getTargetFirstRep().getDependsOnFirstRep().getValue()).isEqualTo("10*9/L");
        assertThat(wbcElement.getTargetFirstRep().getProductFirstRep().getValue()).isEqualTo("WBC");

        Parameters translated = lis.client().operation().onType(ConceptMap.class).named("$translate")
                .withParameter(Parameters.class, "system", new UriType(system))
                .andParameter("code", new CodeType("HBA1C")).useHttpGet().execute();
        assertThat(translated.getParameterBool("result")).isTrue();
        List<Coding> targets = translated.getParameter().stream().filter(p -> p.getName().equals("match"))
                .map(p -> (Coding) p.getPart().stream().filter(q -> q.getName().equals("concept")).findFirst()
                        .orElseThrow().getValue()).toList();
        assertThat(targets).extracting(c -> c.getSystem() + "|" + c.getCode()).containsExactly(
                "http://loinc.org|4548-4", "https://huren.org/fhir/CodeSystem/catalog/" + alliance + "|HBA1C");
        Parameters beforeEffective = lis.client().operation().onInstance("ConceptMap/" + mapId).named("$translate")
                .withParameter(Parameters.class, "code", new CodeType("GLU"))
                .andParameter("date", new DateType(effective.minusDays(1).toString())).useHttpGet().execute();
        assertThat(beforeEffective.getParameterBool("result")).isFalse();
        assertThat(beforeEffective.getParameter("message").getValue().primitiveValue()).contains("maps to nothing");
        Parameters unknownCode = lis.client().operation().onType(ConceptMap.class).named("$translate")
                .withParameter(Parameters.class, "coding", new Coding(system, "XYZ", null)).execute();
        assertThat(unknownCode.getParameterBool("result")).isFalse();

        // another lab's LIS neither reads nor finds this lab's map, nor its code-map endpoints
        FhirTestClient otherLis = new FhirTestClient(fhir(), "HR-CORE");
        assertThat(catchThrowableOfType(() -> otherLis.client().read().resource(ConceptMap.class).withId(mapId)
                .execute(), ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class)).isNotNull();
        assertThat(otherLis.client().search().forResource(ConceptMap.class).where(ConceptMap.SOURCE_SYSTEM
                .matches().value(system)).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
        ApiClient otherStaff = new ApiClient(port, "HR-CORE");
        ApiClient.Answer forbidden = otherStaff.get("/api/labs/" + lab + "/code-maps");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("rule")).isEqualTo("forbidden");
        // its own LIS reads the map but does not change it
        ApiClient lisApi = new ApiClient(port, Tokens.lis(lab));
        assertThat(lisApi.get("/api/labs/" + lab + "/code-maps").status()).isEqualTo(200);
        assertThat(lisApi.post("/api/labs/" + lab + "/code-maps/mappings", Map.of("system", system, "code", "CRP",
                "display", "C反应蛋白", "unit", "mg/L", "itemCode", "GLU")).status()).isEqualTo(403);
    }

    /** A final result as a Chinese LIS sends it: its own code system and item code, no LOINC. */
    static Observation local(String resultId, String system, String code, String display, String value, String unit,
                             LocalDate day) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(LabData.RESULT_ID).setValue(resultId + "-" + UUID.randomUUID());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
        observation.getCode().addCoding().setSystem(system).setCode(code).setDisplay(display);
        observation.setEffective(new DateTimeType(day + "T09:30:00+08:00"));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setSystem(LabData.UCUM)
                .setCode(unit));
        return observation;
    }

    static Observation read(FhirTestClient client, String id) {
        return client.client().read().resource(Observation.class).withId(id).execute();
    }

    static List<String> tags(Observation observation, String system) {
        return observation.getMeta().getTag().stream().filter(t -> system.equals(t.getSystem()))
                .map(Coding::getCode).toList();
    }

    static List<String> codes(JsonNode unmapped) {
        return StreamSupport.stream(unmapped.spliterator(), false).map(c -> c.path("code").asText()).toList();
    }

    /** The lab's staff uploads its list as an XLSX workbook. */
    HttpResponse<String> upload(String lab, String system, LocalDate effectiveFrom, byte[] xlsx)
            throws IOException, InterruptedException {
        return upload(lab, system, effectiveFrom, xlsx, "en");
    }

    /** The upload of a reader of {@code language} (Accept-Language). */
    HttpResponse<String> upload(String lab, String system, LocalDate effectiveFrom, byte[] xlsx, String language)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/labs/" + lab + "/code-maps/imports?system=" + URLEncoder.encode(system,
                        StandardCharsets.UTF_8) + "&effectiveFrom=" + effectiveFrom))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.labStaff(lab)))
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xlsx)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The client asking for answers in Chinese. */
    static FhirTestClient inChinese(FhirTestClient client) {
        AdditionalRequestHeadersInterceptor header = new AdditionalRequestHeadersInterceptor();
        header.addHeaderValue("Accept-Language", "zh-CN");
        client.client().registerInterceptor(header);
        return client;
    }

    String fhir() {
        return "http://localhost:" + port + "/fhir";
    }
}

package org.huren.api.localcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.localcode.LocalCodeOnboardingIT.CST;
import static org.huren.api.localcode.LocalCodeOnboardingIT.local;
import static org.huren.api.localcode.LocalCodeOnboardingIT.read;
import static org.huren.api.localcode.LocalCodeOnboardingIT.tags;

/**
 * A code map over its life, by an alliance's QC manager: a code mapped, amended from a later day (a new unit — the
 * results before keep the old mapping, those after get the new), retired (results since are unmapped again); each
 * change a version of the map and of its ConceptMap, and every refusal a problem naming its field.
 */
@HurenIntegrationTest
class CodeMapChangesIT {

    @LocalServerPort
    int port;

    @Test
    void aMappingIsAmendedFromALaterDayAndRetired() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "lcm-" + suffix;
        String lab = "LCM-" + suffix;
        String system = "urn:oid:1.2.156.112604.1." + Math.abs(suffix.hashCode());
        LocalDate day0 = LocalDate.now(CST).minusDays(20);
        ApiClient qc = new ApiClient(port);
        new AllianceSteps(qc).form(alliance, "对照变更医联体", "CITY_GROUP", "TIGHT");
        assertThat(qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab, "institution",
                "二级医院检验科", "level", "SECONDARY", "effectiveFrom", day0.minusDays(30).toString())).status())
                .isEqualTo(201);
        new AllianceSteps(qc).seedCatalog(alliance).letNotYetKnownPass(alliance)
                .accredit(alliance, lab, day0.minusDays(10).toString(), List.of("GLU"));
        String base = "/api/labs/" + lab + "/code-maps";

        ApiClient.Answer mapped = qc.post(base + "/mappings", Map.of("system", system, "code", "GLU", "display",
                "葡萄糖", "unit", "mmol/L", "itemCode", "GLU", "effectiveFrom", day0.toString()));
        assertThat(mapped.status()).as(mapped.body().toString()).isEqualTo(201);
        String mapId = mapped.text("codeMapId");
        assertThat(qc.post(base + "/mappings", Map.of("system", system, "code", "GLU", "display", "葡萄糖", "unit",
                "mmol/L", "itemCode", "GLU")).status()).as("the same mapping again").isEqualTo(200);
        ApiClient.Answer otherItem = qc.post(base + "/mappings", Map.of("system", system, "code", "GLU", "display",
                "葡萄糖", "unit", "mmol/L", "itemCode", "K"));
        assertThat(otherItem.status()).isEqualTo(409);
        assertThat(otherItem.text("rule")).isEqualTo("already-mapped");
        ApiClient.Answer unknownItem = qc.post(base + "/mappings", Map.of("system", system, "code", "CRP",
                "display", "C反应蛋白", "unit", "mg/L", "itemCode", "CRP"));
        assertThat(unknownItem.status()).isEqualTo(422);
        assertThat(unknownItem.text("rule")).isEqualTo("not-in-catalog");
        assertThat(unknownItem.text("field")).isEqualTo("itemCode");
        ApiClient.Answer noSystem = qc.post(base + "/mappings", Map.of("code", "GLU", "display", "葡萄糖"));
        assertThat(noSystem.status()).isEqualTo(400);
        assertThat(noSystem.text("field")).isEqualTo("system");

        // results in mmol/L before the change, in mg/dL after it
        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        Bundle sent = lis.transaction(LabData.transaction(LabData.patient(LabData.unique("3302")),
                local("G1", system, "GLU", "葡萄糖", "5.5", "mmol/L", day0.plusDays(2)),
                local("G2", system, "GLU", "葡萄糖", "99", "mg/dL", day0.plusDays(12)),
                local("G3", system, "GLU", "葡萄糖", "101", "mg/dL", day0.plusDays(17))));
        String g1 = LabData.idOf(sent, 1);
        String g2 = LabData.idOf(sent, 2);
        String g3 = LabData.idOf(sent, 3);
        assertThat(tags(read(lis, g1), RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");
        assertThat(read(lis, g2).getCode().getCoding()).extracting(c -> c.getCode()).containsExactly("GLU", "14749-6");
        // the mapping says the lab reports glucose in mmol/L: a value in mg/dL does not convert under it
        assertThat(tags(read(lis, g2), RecognitionReads.TAG_SYSTEM)).containsExactly("not-recognized");

        ApiClient.Answer notLater = qc.put(base + "/" + mapId + "/mappings/GLU", Map.of("unit", "mg/dL",
                "effectiveFrom", day0.minusDays(1).toString()));
        assertThat(notLater.status()).isEqualTo(422);
        assertThat(notLater.text("rule")).isEqualTo("amendment-not-later");
        assertThat(notLater.text("field")).isEqualTo("effectiveFrom");
        ApiClient.Answer amended = qc.put(base + "/" + mapId + "/mappings/GLU", Map.of("unit", "mg/dL",
                "effectiveFrom", day0.plusDays(10).toString()));
        assertThat(amended.status()).as(amended.body().toString()).isEqualTo(200);
        assertThat(amended.text("change")).isEqualTo("AMENDED");
        assertThat(amended.body().path("version").asInt()).isEqualTo(2);
        lis.awaitPosition(qc.lastPosition());
        assertThat(tags(read(lis, g1), RecognitionReads.TAG_SYSTEM)).as("before the change").containsExactly(
                "recognized");
        assertThat(read(lis, g2).getCode().getCoding()).extracting(c -> c.getCode()).containsExactly("GLU", "2345-7");
        assertThat(tags(read(lis, g2), RecognitionReads.TAG_SYSTEM)).as("after it").containsExactly("recognized");

        ApiClient.Answer retired = qc.post(base + "/" + mapId + "/mappings/GLU/retirement", Map.of("effectiveFrom",
                day0.plusDays(15).toString(), "reason", "本院改用新代码 GLU2"));
        assertThat(retired.status()).as(retired.body().toString()).isEqualTo(200);
        assertThat(retired.text("change")).isEqualTo("RETIRED");
        lis.awaitPosition(qc.lastPosition());
        assertThat(tags(read(lis, g2), RecognitionReads.TAG_SYSTEM)).containsExactly("recognized");
        assertThat(tags(read(lis, g3), "https://huren.org/fhir/CodeSystem/huren-tag")).containsExactly("unmapped");
        assertThat(tags(read(lis, g3), RecognitionReads.TAG_SYSTEM)).as("recognized under the amendment, no more")
                .containsExactly("withdrawn");

        JsonNode history = qc.get(base + "/" + mapId + "/mappings/GLU").body();
        assertThat(history.path("status").asText()).isEqualTo("RETIRED");
        assertThat(history.path("unit").asText()).isEqualTo("mg/dL");
        assertThat(history.path("history")).extracting(h -> h.path("change").asText())
                .containsExactly("MAPPED", "AMENDED", "RETIRED");
        ConceptMap conceptMap = lis.client().read().resource(ConceptMap.class).withId(mapId).execute();
        assertThat(conceptMap.getVersion()).isEqualTo("3");
        assertThat(conceptMap.getGroupFirstRep().getElementFirstRep().getTargetFirstRep().getEquivalence().toCode())
                .isEqualTo("unmatched");
        Parameters onDay12 = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork()).client()
                .operation().onInstance("ConceptMap/" + mapId).named("$translate")
                .withParameter(Parameters.class, "code", new CodeType("GLU"))
                .andParameter("date", new DateType(day0.plusDays(12).toString())).useHttpGet().execute();
        assertThat(onDay12.getParameterBool("result")).isTrue();
        Coding concept = (Coding) onDay12.getParameter().stream().filter(p -> p.getName().equals("match"))
                .findFirst().orElseThrow().getPart().stream().filter(p -> p.getName().equals("concept")).findFirst()
                .orElseThrow().getValue();
        assertThat(concept.getCode()).isEqualTo("2345-7");
    }
}

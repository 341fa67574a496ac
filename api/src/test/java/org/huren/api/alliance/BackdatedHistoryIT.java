package org.huren.api.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.RecognitionReads;
import org.huren.domain.assessment.Dimension;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * An alliance formed years ago migrates its history: memberships, the catalog and accreditations of the past are
 * recorded with the dates they began, and the results of those years are recognized as they would have been.
 */
@HurenIntegrationTest
class BackdatedHistoryIT {

    @LocalServerPort
    int port;

    @Test
    void resultsOfAMigratedHistoryAreRecognizedFromTheBackdatedMembershipAndAccreditation() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "hist-" + suffix;
        String lab = "HIST-" + suffix;
        new AllianceSteps(qc).form(alliance, "县域医共体", "COUNTY_COMMUNITY", "TIGHT");
        ApiClient.Answer enrolled = qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab,
                "institution", "县人民医院检验科", "level", "CORE", "effectiveFrom", "2023-01-01"));
        assertThat(enrolled.status()).as(enrolled.body().toString()).isEqualTo(201);
        assertThat(qc.post("/api/alliances/" + alliance + "/catalog/default", Map.of("effectiveFrom", "2023-01-01"))
                .status()).isEqualTo(200);
        new AllianceSteps(qc).letNotYetKnownPass(alliance);
        String assessment = qc.post("/api/assessments", Map.of("allianceId", alliance, "labCode", lab,
                "assessors", List.of("李明"), "visitDate", "2023-01-10")).text("assessmentId");
        for (Dimension dimension : Dimension.values()) {
            qc.put("/api/assessments/" + assessment + "/scores/" + dimension, Map.of("verdict", "PASS"));
        }
        assertThat(qc.post("/api/assessments/" + assessment + "/closure", Map.of("outcome", "ACCREDITED",
                "itemCodes", List.of("K"), "validUntil", "2027-12-31", "closedBy", "王强")).status()).isEqualTo(200);

        JsonNode member = qc.get("/api/alliances/" + alliance + "/members").body().get(0);
        assertThat(member.path("since").asText()).as("the membership began when it says, not when recorded")
                .isEqualTo("2022-12-31T16:00:00Z");

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        lis.awaitPosition(qc.lastPosition());
        Observation old = potassium(unique("R"), null, "4.0");
        old.setEffective(new DateTimeType("2024-03-01T08:30:00+08:00"));
        Observation beforeMembership = potassium(unique("R"), null, "4.1");
        beforeMembership.setEffective(new DateTimeType("2022-11-01T08:30:00+08:00"));
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(unique("1301")), old,
                beforeMembership));
        String oldId = LabData.idOf(response, 1);
        String tooOldId = LabData.idOf(response, 2);

        assertThat(RecognitionReads.tag(lis, oldId, alliance)).isEqualTo("recognized");
        assertThat(RecognitionReads.tag(lis, tooOldId, alliance)).as("before the membership began")
                .isEqualTo("not-recognized");
        Parameters why = lis.client().operation().onInstance("Observation/" + oldId).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Parameters.ParametersParameterComponent decision = why.getParameter().stream()
                .filter(p -> alliance.equals(RecognitionReads.part(p, "alliance"))).findFirst().orElseThrow();
        assertThat(decision.getPart()).filteredOn(p -> p.getName().equals("criterion"))
                .anySatisfy(c -> {
                    assertThat(RecognitionReads.part(c, "code")).isEqualTo("MEMBER_ACTIVE");
                    assertThat(RecognitionReads.part(c, "verdict")).isEqualTo("PASS");
                });
    }

    @Test
    void aMembershipCannotBeBackdatedIntoTheFutureNorBeforeTheLabLeft() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "hist-" + suffix;
        String lab = "HISTB-" + suffix;
        new AllianceSteps(qc).form(alliance, "县域医共体", "COUNTY_COMMUNITY", "TIGHT");
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        ApiClient.Answer future = qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab,
                "institution", "乡镇卫生院", "level", "COMMUNITY", "effectiveFrom", tomorrow));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.text("field")).isEqualTo("effectiveFrom");

        new AllianceSteps(qc).enrol(alliance, lab, "COMMUNITY");
        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + lab + "/withdrawal",
                Map.of("reason", "离开医共体")).status()).isEqualTo(200);
        ApiClient.Answer beforeLeaving = qc.post("/api/alliances/" + alliance + "/members", Map.of("labCode", lab,
                "institution", lab + " 检验科", "level", "COMMUNITY", "effectiveFrom", "2023-01-01"));
        assertThat(beforeLeaving.status()).isEqualTo(422);
        assertThat(beforeLeaving.text("rule")).isEqualTo("enrolment-before-withdrawal");
        assertThat(beforeLeaving.text("field")).isEqualTo("effectiveFrom");
    }
}

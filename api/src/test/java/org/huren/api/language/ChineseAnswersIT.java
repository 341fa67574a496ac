package org.huren.api.language;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.huren.domain.patient.ChineseIdentifierSystems;
import org.huren.domain.recognition.query.ResultTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 18: a client asking {@code Accept-Language: zh-CN} reads HuRen's errors, tag displays (the HR mark) and
 * {@code $recognition} reasons in Chinese, from the bundle; one asking nothing reads English. A 居民身份证号 whose
 * check character is wrong is refused (422) naming the identifier.
 */
@HurenIntegrationTest
class ChineseAnswersIT {

    private static final String CHINESE = "zh-CN";

    @LocalServerPort
    int port;

    private String alliance;
    private String lab;

    @BeforeEach
    void anAllianceWithALabAccreditedForPotassium() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alliance = "zh-" + suffix;
        lab = "ZH-" + suffix;
        AllianceSteps steps = new AllianceSteps(new ApiClient(port)).form(alliance, "语言医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, lab, "SECONDARY").seedCatalog(alliance).letNotYetKnownPass(alliance);
        steps.accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
    }

    private FhirTestClient lis(String language) {
        FhirTestClient client = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        if (language != null) {
            AdditionalRequestHeadersInterceptor header = new AdditionalRequestHeadersInterceptor();
            header.addHeaderValue("Accept-Language", language);
            client.client().registerInterceptor(header);
        }
        return client;
    }

    private static Bundle patientWithResidentId(String residentId) {
        Patient patient = LabData.patient(LabData.unique("NID"));
        patient.addIdentifier().setSystem(ChineseIdentifierSystems.RESIDENT_ID).setValue(residentId);
        Observation potassium = LabData.potassium(LabData.unique("K"), null, "4.10");
        // to the millisecond: a time cut to the second can fall before the accreditation of a moment ago
        potassium.setEffective(new DateTimeType(new Date(), TemporalPrecisionEnum.MILLI));
        return LabData.transaction(patient, potassium);
    }

    private static OperationOutcome.OperationOutcomeIssueComponent onlyIssue(Exception refusal) {
        OperationOutcome outcome = (OperationOutcome) ((ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException)
                refusal).getOperationOutcome();
        assertThat(outcome.getIssue()).hasSize(1);
        return outcome.getIssueFirstRep();
    }

    @Test
    void aResidentIdWithAWrongCheckDigitIsRefusedInTheClientsLanguageNamingTheIdentifier() {
        UnprocessableEntityException chinese = catchThrowableOfType(
                () -> lis(CHINESE).transaction(patientWithResidentId("110101199003071234")), UnprocessableEntityException.class);
        OperationOutcome.OperationOutcomeIssueComponent issue = onlyIssue(chinese);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-resident-id");
        assertThat(issue.getExpression()).extracting(Object::toString)
                .containsExactly("Bundle.entry[0].resource.identifier[2].value");
        assertThat(issue.getDiagnostics()).isEqualTo("110101199003071234 不是有效的居民身份证号（GB 11643-1999）：应为 "
                + "17 位数字（含有效出生日期）加 ISO 7064 MOD 11-2 校验码");
        assertThat(issue.getDetails().getText()).isEqualTo(issue.getDiagnostics());

        UnprocessableEntityException english = catchThrowableOfType(
                () -> lis(null).transaction(patientWithResidentId("110101199003071234")), UnprocessableEntityException.class);
        assertThat(onlyIssue(english).getDiagnostics()).startsWith("'110101199003071234' is not a valid resident "
                + "identity number (GB 11643-1999)");
        // the same in any language HuRen has no bundle for
        UnprocessableEntityException french = catchThrowableOfType(
                () -> lis("fr-FR").transaction(patientWithResidentId("110101199003071234")), UnprocessableEntityException.class);
        assertThat(onlyIssue(french).getDiagnostics()).isEqualTo(onlyIssue(english).getDiagnostics());
    }

    @Test
    void aResultsTagsAndRecognitionReasonsAreInChineseWhenAskedFor() {
        FhirTestClient chinese = lis("zh-CN,zh;q=0.9,en;q=0.5");
        Bundle answer = chinese.transaction(patientWithResidentId("11010519491231002X"));
        String result = LabData.idOf(answer, 1);

        FhirTestClient clinician = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.clinician(lab));
        clinician.awaitPosition(chinese.lastPosition());
        AdditionalRequestHeadersInterceptor header = new AdditionalRequestHeadersInterceptor();
        header.addHeaderValue("Accept-Language", CHINESE);
        clinician.client().registerInterceptor(header);
        Observation observation = clinician.client().read().resource(Observation.class).withId(result).execute();
        Coding tag = observation.getMeta().getTag().stream()
                .filter(t -> ResultTag.RECOGNITION_SYSTEM.equals(t.getSystem())).findFirst().orElseThrow();
        assertThat(tag.getCode()).isEqualTo("recognized");
        assertThat(tag.getDisplay()).isEqualTo("互认（HR）：医联体 " + alliance);

        Parameters why = clinician.client().operation().onInstance("Observation/" + result).named("$recognition")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        List<Parameters.ParametersParameterComponent> criteria = why.getParameter().get(0).getPart().stream()
                .filter(p -> p.getName().equals("criterion")).toList();
        assertThat(criteria).hasSizeGreaterThanOrEqualTo(8).allSatisfy(criterion -> assertThat(criterion.getPart().stream()
                .filter(p -> p.getName().equals("reason")).findFirst().orElseThrow().getValue().primitiveValue())
                .matches(".*\\p{IsHan}.*"));
        assertThat(criteria).anySatisfy(criterion -> {
            assertThat(criterion.getPart().get(0).getValue().primitiveValue()).isEqualTo("MEMBER_ACTIVE");
            assertThat(criterion.getPart()).anySatisfy(p -> assertThat(p.getValue().primitiveValue())
                    .isEqualTo("执行实验室在结果时间是在册成员"));
        });

        // asked in English (or not at all), the same result reads as before
        Observation english = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.clinician(lab))
                .client().read().resource(Observation.class).withId(result).execute();
        assertThat(english.getMeta().getTag()).filteredOn(t -> ResultTag.RECOGNITION_SYSTEM.equals(t.getSystem()))
                .extracting(Coding::getDisplay).containsExactly("mutually recognized (HR) in alliance " + alliance);
    }

    @Test
    void aRefusedSearchIsExplainedInChinese() {
        assertThatThrownBy(() -> lis(CHINESE).client().search().byUrl("Observation?_tag=https://example.org/tags|x")
                .returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, refusal -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue = onlyIssue(refusal);
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("unknown-tag");
                    assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("_tag");
                    assertThat(issue.getDiagnostics()).isEqualTo("HuRen 不使用该系统或代码的标签");
                });
    }

    @Test
    void problemJsonAnswersOfTheApiAreInChineseWhenAskedFor() {
        ApiClient qc = new ApiClient(port);
        ApiClient.Answer missing = qc.get("/api/alliances/" + alliance + "/members/NO-SUCH-LAB",
                Map.of("Accept-Language", CHINESE));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("rule")).isEqualTo("not-found");
        assertThat(missing.text("detail")).isEqualTo("未找到");

        ApiClient.Answer unknownPath = qc.get("/api/no-such-thing", Map.of("Accept-Language", CHINESE));
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.text("detail")).isEqualTo("该路径下没有资源");

        ApiClient.Answer english = qc.get("/api/no-such-thing", Map.of());
        assertThat(english.text("detail")).startsWith("no resource at GET /");

        ApiClient.Answer unauthenticated = new ApiClient(port, (Tokens.Identity) null).get("/api/alliances",
                Map.of("Accept-Language", CHINESE));
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.text("detail")).isEqualTo("需要访问令牌");
    }
}

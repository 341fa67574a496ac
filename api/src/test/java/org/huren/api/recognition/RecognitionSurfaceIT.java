package org.huren.api.recognition;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * How a result's recognition shows to FHIR clients: a tag per alliance plus an extension naming the criteria in
 * the way, {@code _tag} searches that honour the tag's system, and token searches written with a raw {@code |}
 * as the FHIR specification writes them.
 */
@HurenIntegrationTest
class RecognitionSurfaceIT {

    static final String RECOGNITION = "https://huren.org/fhir/CodeSystem/recognition";
    static final String HUREN_TAG = "https://huren.org/fhir/CodeSystem/huren-tag";
    static final String EXTENSION = "https://huren.org/fhir/StructureDefinition/recognition";

    @LocalServerPort
    int port;

    String alliance;
    String lab;
    String nationalId;
    FhirTestClient lis;
    String potassium;
    String glucose;

    /** A lab accredited for K only, in an alliance whose policy lets not-yet-known evidence block. */
    @BeforeEach
    void aLabAccreditedForPotassiumOnly() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alliance = "surf-" + suffix;
        lab = "SURF-" + suffix;
        new AllianceSteps(qc).form(alliance, "标签医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance)
                .accredit(alliance, lab, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), List.of("K"));
        lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        lis.awaitPosition(qc.lastPosition());
        nationalId = unique("1201");
        Observation k = potassium(unique("R"), null, "4.1");
        k.setEffective(now());
        Observation glu = potassium(unique("R"), null, "5.2");
        glu.getCode().getCodingFirstRep().setCode("14749-6").setDisplay("Glucose");
        glu.setValue(new Quantity().setValue(new BigDecimal("5.2")).setUnit("mmol/L").setSystem(LabData.UCUM)
                .setCode("mmol/L"));
        glu.setEffective(now());
        Bundle response = lis.transaction(LabData.transaction(LabData.patient(nationalId), k, glu));
        potassium = LabData.idOf(response, 1);
        glucose = LabData.idOf(response, 2);
    }

    @Test
    void aServedResultNamesTheCriteriaStandingInTheWayOfItsRecognition() {
        Extension pending = recognitionExtension(potassium);
        assertThat(coding(pending, "status")).as("failing: " + coding(pending, "failing"))
                .containsExactly(RECOGNITION + "|pending");
        assertThat(pending.getExtensionString("alliance")).isEqualTo(alliance);
        assertThat(coding(pending, "failing")).isEmpty();
        assertThat(coding(pending, "notYetKnown")).extracting(c -> c.substring(c.indexOf('|') + 1))
                .contains("EQA_SATISFACTORY", "IQC_IN_CONTROL").doesNotContain("LAB_ACCREDITED", "MEMBER_ACTIVE");

        Extension refused = recognitionExtension(glucose);
        assertThat(coding(refused, "status")).containsExactly(RECOGNITION + "|not-recognized");
        assertThat(coding(refused, "failing"))
                .containsExactly("https://huren.org/fhir/CodeSystem/recognition-criterion|LAB_ACCREDITED");
    }

    @Test
    void tagSearchesHonourTheTagSystemAndRefuseTagsHuRenDoesNotUse() throws IOException {
        String patient = "patient.identifier=" + LabData.NATIONAL_ID + "|" + nationalId;
        assertThat(search(patient + "&_tag=" + RECOGNITION + "|pending")).containsExactly(potassium);
        assertThat(search(patient + "&_tag=pending")).containsExactly(potassium);
        assertThat(search(patient + "&_tag=" + RECOGNITION + "|not-recognized," + RECOGNITION + "|pending"))
                .containsExactlyInAnyOrder(potassium, glucose);

        for (String tag : List.of(HUREN_TAG + "|pending", "http://example.org/tags|pending",
                RECOGNITION + "|suspended-member", "no-such-tag")) {
            Raw answer = raw("/fhir/Observation?" + patient + "&_tag=" + tag);
            assertThat(answer.status()).as(tag).isEqualTo(400);
            OperationOutcome outcome = FhirTestClient.fhir().newJsonParser().parseResource(OperationOutcome.class,
                    answer.body());
            assertThat(outcome.getIssueFirstRep().getExpression()).as(tag).extracting(Object::toString)
                    .containsExactly("_tag");
        }
    }

    @Test
    void aTokenSearchWrittenWithARawPipeIsAnswered() throws IOException {
        Raw answer = raw("/fhir/Observation?patient.identifier=" + LabData.NATIONAL_ID + "|" + nationalId
                + "&code=http://loinc.org|2823-3");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Bundle bundle = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(potassium);
    }

    @Test
    void requestsTomcatCannotReadAreAnsweredInJsonNotHtml() throws IOException {
        Raw tooLong = raw("/fhir/Observation?code=" + "x".repeat(70_000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"resourceType\":\"OperationOutcome\"").doesNotContain("<html");
        Raw longButFine = raw("/fhir/Observation?code=" + "x".repeat(10_000));
        assertThat(longButFine.status()).as("a 10,000-character query is served").isEqualTo(200);
        Raw forbidden = raw("/api/alliances?x=<script>");
        assertThat(forbidden.status()).isEqualTo(400);
        assertThat(forbidden.body()).as("Tomcat could not read the path: an OperationOutcome, as for FHIR")
                .contains("unreadable-request").doesNotContain("<html");
    }

    // ------------------------------------------------------------------ steps

    /** Now, to the millisecond: at whole seconds a result could fall before the enrolment made a moment ago. */
    static DateTimeType now() {
        return new DateTimeType(new Date(), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    Extension recognitionExtension(String id) {
        Observation read = lis.client().read().resource(Observation.class).withId(id).execute();
        List<Extension> extensions = read.getExtensionsByUrl(EXTENSION);
        assertThat(extensions).hasSize(1);
        return extensions.get(0);
    }

    static List<String> coding(Extension extension, String part) {
        return extension.getExtensionsByUrl(part).stream().map(e -> (Coding) e.getValue())
                .map(c -> c.getSystem() + "|" + c.getCode()).toList();
    }

    List<String> search(String query) throws IOException {
        Raw answer = raw("/fhir/Observation?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, answer.body()).getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    record Raw(int status, String body) {
    }

    /** A GET written byte for byte, as a client that does not percent-encode '|' sends it. */
    Raw raw(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Accept: application/fhir+json\r\nAuthorization: Bearer " + Tokens.of(port, Tokens.lis(lab)) + "\r\n"
                    + "X-HuRen-Await-Position: " + lis.lastPosition() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] response = in.readAllBytes();
            int headEnd = indexOf(response, 0, "\r\n\r\n");
            String head = new String(response, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Raw(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, at, "\r\n");
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("'" + ascii.replace("\r\n", "CRLF") + "' not found");
    }
}

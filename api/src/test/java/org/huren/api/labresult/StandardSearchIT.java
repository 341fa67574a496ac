package org.huren.api.labresult;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.StringClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.AuditEvent;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.huren.fhir.server.FullValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * The searches an EHR or LIS makes with an unmodified HAPI generic client (issue 14): {@code _sort},
 * {@code _include}/{@code _revinclude}, {@code _id} on every type, patients by name, birth date and gender, reports
 * and specimens, batch Bundles of GET entries, {@code _count} limits, and links behind a TLS proxy. One patient at
 * HR-SEC1 with a specimen, three results and two reports.
 */
@HurenIntegrationTest
class StandardSearchIT {

    static final String ACCESSION = "https://lis.example.org/accession";
    static final String REPORT_ID = "https://lis.example.org/report";

    @LocalServerPort
    int port;

    FhirTestClient lis;
    String family;
    String nationalId;
    String accession;
    String patientId;
    String specimenId;
    /** January, March and February (glucose): {@code date} order is early, glucose, late. */
    String early;
    String late;
    String glucose;
    /** March (early and late), January (glucose). */
    String marchReport;
    String januaryReport;

    @BeforeEach
    void onePatientWithASpecimenThreeResultsAndTwoReports() {
        lis = new FhirTestClient(fhir(), "HR-SEC1");
        // a family name no other test uses: letters only, as name search is by the start of a name part
        family = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).chars()
                .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 16)))).reduce("", String::concat);
        nationalId = unique("110801");
        accession = unique("ACC");
        Patient patient = LabData.patient(nationalId);
        patient.getNameFirstRep().setFamily(family).getGiven().clear();
        patient.getNameFirstRep().addGiven("Wen");
        patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new org.hl7.fhir.r4.model.DateType(
                "1984-07-15"));
        Specimen specimen = new Specimen();
        specimen.getAccessionIdentifier().setSystem(ACCESSION).setValue(accession);
        specimen.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0487").setCode("SER");

        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = add(bundle, patient, "Patient", "identifier=" + LabData.NATIONAL_ID + "|" + nationalId);
        specimen.getSubject().setReference(patientUrl);
        String specimenUrl = add(bundle, specimen, "Specimen", "identifier=" + ACCESSION + "|" + accession);
        String earlyUrl = add(bundle, result("3.6", "2026-01-10T09:00:00+08:00", patientUrl, specimenUrl));
        String lateUrl = add(bundle, result("4.4", "2026-03-05T09:00:00+08:00", patientUrl, specimenUrl));
        Observation glucoseResult = result("5.6", "2026-02-01T09:00:00+08:00", patientUrl, specimenUrl);
        glucoseResult.getCode().getCodingFirstRep().setCode("14749-6").setDisplay("Glucose");
        String glucoseUrl = add(bundle, glucoseResult);
        add(bundle, report("2026-03-05T10:00:00+08:00", patientUrl, earlyUrl, lateUrl));
        add(bundle, report("2026-01-10T10:00:00+08:00", patientUrl, glucoseUrl));
        Bundle written = lis.transaction(bundle);
        patientId = LabData.idOf(written, 0);
        specimenId = LabData.idOf(written, 1);
        early = LabData.idOf(written, 2);
        late = LabData.idOf(written, 3);
        glucose = LabData.idOf(written, 4);
        marchReport = LabData.idOf(written, 5);
        januaryReport = LabData.idOf(written, 6);
    }

    @Test
    void sortsByDateAndLastUpdatedBothWays() {
        assertThat(ids(lis.client().search().forResource(Observation.class).where(byPatient())
                .sort().ascending("date").returnBundle(Bundle.class).execute())).containsExactly(early, glucose, late);
        assertThat(ids(lis.client().search().forResource(Observation.class).where(byPatient())
                .sort().descending("date").returnBundle(Bundle.class).execute())).containsExactly(late, glucose, early);

        // a correction makes the early result the last updated
        Observation corrected = lis.client().read().resource(Observation.class).withId(early).execute();
        corrected.setValue(new Quantity().setValue(new BigDecimal("3.7")).setUnit("mmol/L")
                .setSystem(LabData.UCUM).setCode("mmol/L"));
        corrected.setMeta(null);
        lis.client().update().resource(corrected).execute();
        Bundle oldestFirst = lis.client().search().forResource(Observation.class).where(byPatient())
                .sort().ascending("_lastUpdated").returnBundle(Bundle.class).execute();
        assertThat(ids(oldestFirst)).hasSize(3).endsWith(early);
        assertThat(lastUpdated(oldestFirst)).isSorted();
        Bundle newestFirst = lis.client().search().forResource(Observation.class).where(byPatient())
                .sort().descending("_lastUpdated").returnBundle(Bundle.class).execute();
        assertThat(ids(newestFirst)).hasSize(3).startsWith(early);
        assertThat(lastUpdated(newestFirst)).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        assertThat(ids(lis.client().search().forResource(DiagnosticReport.class)
                .where(DiagnosticReport.PATIENT.hasId("Patient/" + patientId)).sort().descending("date")
                .returnBundle(Bundle.class).execute())).containsExactly(marchReport, januaryReport);
        assertThat(ids(lis.client().search().forResource(DiagnosticReport.class)
                .where(DiagnosticReport.PATIENT.hasId("Patient/" + patientId)).sort().ascending("date")
                .returnBundle(Bundle.class).execute())).containsExactly(januaryReport, marchReport);

        assertThat(status(() -> lis.client().search().forResource(Observation.class).where(byPatient())
                .sort().ascending("code").returnBundle(Bundle.class).execute())).as("an undeclared _sort")
                .isEqualTo(400);
    }

    @Test
    void includesWhatResultsAndReportsReferToAndRevincludesWhatRefersToThem() {
        Bundle withPatientAndSpecimen = lis.client().search().forResource(Observation.class).where(byPatient())
                .include(new Include("Observation:patient")).include(new Include("Observation:specimen"))
                .returnBundle(Bundle.class).execute();
        assertThat(withPatientAndSpecimen.getTotal()).as("included resources are not counted").isEqualTo(3);
        assertThat(byMode(withPatientAndSpecimen, SearchEntryMode.MATCH)).containsExactlyInAnyOrder(
                "Observation/" + early, "Observation/" + late, "Observation/" + glucose);
        assertThat(byMode(withPatientAndSpecimen, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder(
                "Patient/" + patientId, "Specimen/" + specimenId);

        Bundle reportsWithResults = lis.client().search().forResource(DiagnosticReport.class)
                .where(DiagnosticReport.SUBJECT.hasId("Patient/" + patientId))
                .include(new Include("DiagnosticReport:result")).returnBundle(Bundle.class).execute();
        assertThat(byMode(reportsWithResults, SearchEntryMode.MATCH)).containsExactlyInAnyOrder(
                "DiagnosticReport/" + marchReport, "DiagnosticReport/" + januaryReport);
        assertThat(byMode(reportsWithResults, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder(
                "Observation/" + early, "Observation/" + late, "Observation/" + glucose);

        Bundle patientWithResults = lis.client().search().forResource(Patient.class)
                .where(new TokenClientParam("_id").exactly().code(patientId))
                .revInclude(new Include("Observation:patient")).returnBundle(Bundle.class).execute();
        assertThat(byMode(patientWithResults, SearchEntryMode.MATCH)).containsExactly("Patient/" + patientId);
        assertThat(byMode(patientWithResults, SearchEntryMode.INCLUDE)).containsExactlyInAnyOrder(
                "Observation/" + early, "Observation/" + late, "Observation/" + glucose);

        Bundle resultWithReport = lis.client().search().forResource(Observation.class)
                .where(new TokenClientParam("_id").exactly().code(late))
                .revInclude(new Include("DiagnosticReport:result")).returnBundle(Bundle.class).execute();
        assertThat(byMode(resultWithReport, SearchEntryMode.MATCH)).containsExactly("Observation/" + late);
        assertThat(byMode(resultWithReport, SearchEntryMode.INCLUDE)).containsExactly(
                "DiagnosticReport/" + marchReport);

        assertThat(status(() -> lis.client().search().forResource(Observation.class).where(byPatient())
                .include(new Include("Observation:performer")).returnBundle(Bundle.class).execute()))
                .as("an undeclared _include").isEqualTo(400);
        assertThat(status(() -> lis.client().search().forResource(Observation.class).where(byPatient())
                .include(new Include("Observation:patient").asRecursive()).returnBundle(Bundle.class).execute()))
                .as("_include:iterate").isEqualTo(400);
    }

    @Test
    void aBatchOfGetEntriesIsAnsweredEntryByEntry() {
        FhirTestClient clinician = new FhirTestClient(fhir(), Tokens.clinician("HR-CORE"));
        // a read-your-writes wait of the clinician's client, as after its own write
        clinician.awaitPosition(lis.lastPosition());
        clinician.client().read().resource(Patient.class).withId(patientId).execute();
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        get(batch, "Observation?patient=Patient/" + patientId + "&_sort=-date");
        get(batch, "Patient/" + patientId);
        get(batch, "Observation/" + UUID.randomUUID());
        get(batch, "Observation?code=2823-3");
        get(batch, "Observation?patient=Patient/" + patientId + "&_count=-1");
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(potassium(unique("R"), "Patient/" + patientId, "4.0")).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        Bundle answer = clinician.transaction(batch);

        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus().split(" ")[0])
                .containsExactly("200", "200", "404", "403", "400", "403");
        Bundle searched = (Bundle) answer.getEntry().get(0).getResource();
        assertThat(searched.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(ids(searched)).containsExactly(late, glucose, early);
        assertThat(answer.getEntry().get(1).getResource().getIdElement().getIdPart()).isEqualTo(patientId);
        assertThat(answer.getEntry().get(2).getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void everyTypeIsFoundById() {
        assertThat(ids(byId(Observation.class, early))).containsExactly(early);
        assertThat(ids(byId(Patient.class, patientId))).containsExactly(patientId);
        assertThat(ids(byId(Specimen.class, specimenId))).containsExactly(specimenId);
        assertThat(ids(byId(DiagnosticReport.class, marchReport))).containsExactly(marchReport);
        assertThat(ids(byId(Organization.class, "HR-SEC1"))).containsExactly("HR-SEC1");
        FhirTestClient network = new FhirTestClient(fhir(), Tokens.qcNetwork());
        assertThat(ids(network.client().search().forResource(CodeSystem.class)
                .where(new TokenClientParam("_id").exactly().code("huren-catalog-demo"))
                .returnBundle(Bundle.class).execute())).containsExactly("huren-catalog-demo");
        Bundle audit = network.client().search().forResource(AuditEvent.class).count(1)
                .returnBundle(Bundle.class).execute();
        String auditId = audit.getEntryFirstRep().getResource().getIdElement().getIdPart();
        assertThat(ids(network.client().search().forResource(AuditEvent.class)
                .where(new TokenClientParam("_id").exactly().code(auditId)).returnBundle(Bundle.class).execute()))
                .containsExactly(auditId);
        assertThat(ids(byId(Observation.class, UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void patientsByNameBirthDateAndGender() {
        StringClientParam name = new StringClientParam("name");
        DateClientParam birthdate = new DateClientParam("birthdate");
        TokenClientParam gender = new TokenClientParam("gender");
        String start = family.substring(0, family.length() - 1);
        assertThat(ids(lis.client().search().forResource(Patient.class).where(name.matches().value(start))
                .and(birthdate.exactly().day("1984-07-15")).and(gender.exactly().code("female"))
                .returnBundle(Bundle.class).execute())).containsExactly(patientId);
        assertThat(ids(lis.client().search().forResource(Patient.class)
                .where(name.matches().value(family.toUpperCase())).and(birthdate.afterOrEquals().day("1984-07-01"))
                .and(birthdate.before().day("1984-08-01")).returnBundle(Bundle.class).execute()))
                .as("case ignored; a range of days").containsExactly(patientId);
        assertThat(ids(lis.client().search().forResource(Patient.class).where(name.matchesExactly().value(family))
                .returnBundle(Bundle.class).execute())).containsExactly(patientId);
        assertThat(ids(lis.client().search().forResource(Patient.class)
                .where(name.matchesExactly().value(start)).returnBundle(Bundle.class).execute()))
                .as("name:exact is a whole part").isEmpty();
        assertThat(ids(lis.client().search().forResource(Patient.class).where(name.matches().value(family))
                .and(gender.exactly().code("male")).returnBundle(Bundle.class).execute())).isEmpty();
        assertThat(ids(lis.client().search().forResource(Patient.class).where(name.matches().value(family))
                .and(birthdate.exactly().day("1984-07-16")).returnBundle(Bundle.class).execute())).isEmpty();

        FhirTestClient clinician = new FhirTestClient(fhir(), Tokens.clinician("HR-CORE"));
        clinician.awaitPosition(lis.lastPosition());
        assertThat(ids(clinician.client().search().forResource(Patient.class).where(name.matches().value(family))
                .and(birthdate.exactly().day("1984-07-15")).returnBundle(Bundle.class).execute()))
                .as("a clinician at another member lab names the patient by name and birth date")
                .containsExactly(patientId);
        assertThat(status(() -> clinician.client().search().forResource(Patient.class)
                .where(name.matches().value(family)).returnBundle(Bundle.class).execute()))
                .as("but lists no one by name alone").isEqualTo(403);
    }

    @Test
    void reportsBySubjectCodeAndDateAndSpecimensByPatientAndIdentifier() {
        ReferenceClientParam subject = new ReferenceClientParam("subject");
        assertThat(ids(lis.client().search().forResource(DiagnosticReport.class)
                .where(subject.hasId("Patient/" + patientId))
                .and(DiagnosticReport.CODE.exactly().systemAndCode("http://loinc.org", "24326-1"))
                .and(DiagnosticReport.DATE.afterOrEquals().day("2026-03-01"))
                .returnBundle(Bundle.class).execute())).containsExactly(marchReport);
        assertThat(ids(lis.client().search().forResource(DiagnosticReport.class)
                .where(DiagnosticReport.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(LabData.NATIONAL_ID, nationalId)))
                .and(DiagnosticReport.DATE.exactly().day("2026-01-10")).returnBundle(Bundle.class).execute()))
                .containsExactly(januaryReport);
        assertThat(ids(lis.client().search().forResource(Specimen.class)
                .where(Specimen.PATIENT.hasId("Patient/" + patientId)).returnBundle(Bundle.class).execute()))
                .containsExactly(specimenId);
        assertThat(ids(lis.client().search().forResource(Specimen.class)
                .where(Specimen.IDENTIFIER.exactly().systemAndIdentifier(ACCESSION, accession))
                .returnBundle(Bundle.class).execute())).containsExactly(specimenId);
        assertThat(ids(lis.client().search().forResource(Specimen.class)
                .where(Specimen.IDENTIFIER.exactly().code(accession)).returnBundle(Bundle.class).execute()))
                .containsExactly(specimenId);
    }

    @Test
    void aNegativeCountIsRefusedAndCountZeroGivesTheTotalAlone() throws Exception {
        HttpResponse<String> negative = get("/fhir/Observation?patient=Patient/" + patientId + "&_count=-1");
        assertThat(negative.statusCode()).isEqualTo(400);
        OperationOutcome outcome = FhirTestClient.fhir().newJsonParser().parseResource(OperationOutcome.class,
                negative.body());
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("_count");

        HttpResponse<String> zero = get("/fhir/Observation?patient=Patient/" + patientId + "&_count=0");
        assertThat(zero.statusCode()).isEqualTo(200);
        Bundle totalOnly = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, zero.body());
        assertThat(totalOnly.getTotal()).isEqualTo(3);
        assertThat(totalOnly.getEntry()).isEmpty();
        assertThat(totalOnly.getLink(Bundle.LINK_NEXT)).isNull();
    }

    /**
     * {@code _total} as HAPI's client sends it: accurate and estimate count, none counts nothing (a total only on the
     * page that holds the last match); the next link pages on either way; an unknown mode is refused naming
     * {@code _total}. (Above 10,000 matches a search that does not ask is not counted: SearchPlanTest.)
     */
    @Test
    void totalsAsAsked() throws Exception {
        for (SearchTotalModeEnum mode : SearchTotalModeEnum.values()) {
            Bundle first = lis.client().search().forResource(Observation.class)
                    .where(Observation.PATIENT.hasId(patientId)).count(2).totalMode(mode)
                    .returnBundle(Bundle.class).execute();
            assertThat(first.getEntry()).as(mode.getCode()).hasSize(2);
            assertThat(first.getLink(Bundle.LINK_NEXT)).as(mode.getCode()).isNotNull();
            assertThat(first.hasTotal()).as(mode.getCode()).isEqualTo(mode != SearchTotalModeEnum.NONE);
            if (first.hasTotal()) {
                assertThat(first.getTotal()).isEqualTo(3);
            }
            Bundle last = lis.client().loadPage().next(first).execute();
            assertThat(last.getEntry()).hasSize(1);
            assertThat(last.getTotal()).as(mode.getCode()).isEqualTo(3);
            assertThat(last.getLink(Bundle.LINK_NEXT)).isNull();
        }
        Bundle unasked = lis.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patientId)).count(2).returnBundle(Bundle.class).execute();
        assertThat(unasked.getTotal()).isEqualTo(3);

        HttpResponse<String> unknown = get("/fhir/Observation?patient=Patient/" + patientId + "&_total=sometimes");
        assertThat(unknown.statusCode()).isEqualTo(400);
        OperationOutcome outcome = FhirTestClient.fhir().newJsonParser().parseResource(OperationOutcome.class,
                unknown.body());
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("_total");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("accurate, estimate or none");
    }

    @Test
    void behindATlsProxyLinksAndFullUrlsNameThePublicAddress() throws Exception {
        HttpResponse<String> viaProxy = get("/fhir/Observation?patient=Patient/" + patientId + "&_count=1",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "huren.example.org", "X-Forwarded-Port", "443",
                "X-Forwarded-Prefix", "/lab");
        assertThat(viaProxy.statusCode()).as(viaProxy.body()).isEqualTo(200);
        Bundle page = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, viaProxy.body());
        assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).startsWith("https://huren.example.org/lab/fhir/Observation?");
        assertThat(page.getLink(Bundle.LINK_SELF).getUrl()).startsWith("https://huren.example.org/lab/fhir/");
        assertThat(page.getEntryFirstRep().getFullUrl()).startsWith("https://huren.example.org/lab/fhir/Observation/");

        HttpResponse<String> rfc7239 = get("/fhir/Observation?patient=Patient/" + patientId + "&_count=1",
                "Forwarded", "proto=https;host=fhir.hospital.example");
        Bundle forwarded = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, rfc7239.body());
        assertThat(forwarded.getLink(Bundle.LINK_NEXT).getUrl()).startsWith("https://fhir.hospital.example/fhir/");
        assertThat(forwarded.getEntryFirstRep().getFullUrl()).startsWith("https://fhir.hospital.example/fhir/");

        HttpResponse<String> direct = get("/fhir/Observation?patient=Patient/" + patientId + "&_count=1");
        Bundle plain = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, direct.body());
        assertThat(plain.getLink(Bundle.LINK_NEXT).getUrl()).startsWith("http://localhost:" + port + "/fhir/");
    }

    @Test
    void theAnswersAreValidR4ForHapisValidator() {
        FullValidation validator = FullValidation.on(FhirTestClient.fhir());
        validator.check(lis.client().capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
                .execute());
        validator.check(lis.client().search().forResource(Observation.class).where(byPatient())
                .include(new Include("Observation:patient")).include(new Include("Observation:specimen"))
                .revInclude(new Include("DiagnosticReport:result")).sort().descending("date")
                .returnBundle(Bundle.class).execute());
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        get(batch, "DiagnosticReport?patient=Patient/" + patientId + "&_include=DiagnosticReport:result");
        get(batch, "Specimen/" + specimenId);
        validator.check(lis.transaction(batch));
    }

    // --- helpers

    private String fhir() {
        return "http://localhost:" + port + "/fhir";
    }

    private ca.uhn.fhir.rest.gclient.ICriterion<?> byPatient() {
        return Observation.PATIENT.hasId("Patient/" + patientId);
    }

    private Bundle byId(Class<? extends Resource> type, String id) {
        return lis.client().search().forResource(type).where(new TokenClientParam("_id").exactly().code(id))
                .returnBundle(Bundle.class).execute();
    }

    static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() != SearchEntryMode.INCLUDE)
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    static List<String> byMode(Bundle bundle, SearchEntryMode mode) {
        return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == mode)
                .map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()).toList();
    }

    static List<Date> lastUpdated(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getMeta().getLastUpdated()).toList();
    }

    static int status(Runnable request) {
        try {
            request.run();
            return 200;
        } catch (BaseServerResponseException e) {
            return e.getStatusCode();
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis("HR-SEC1")))
                .header("X-HuRen-Await-Position", Long.toString(lis.lastPosition()))
                .header("X-HuRen-Await-Millis", "60000").GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void get(Bundle batch, String url) {
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
    }

    private static String add(Bundle bundle, Resource resource, String type, String ifNoneExist) {
        String url = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl(type).setIfNoneExist(ifNoneExist);
        return url;
    }

    private static String add(Bundle bundle, Observation result) {
        return add(bundle, result, "Observation",
                "identifier=" + LabData.RESULT_ID + "|" + result.getIdentifierFirstRep().getValue());
    }

    private static String add(Bundle bundle, DiagnosticReport report) {
        return add(bundle, report, "DiagnosticReport",
                "identifier=" + REPORT_ID + "|" + report.getIdentifierFirstRep().getValue());
    }

    private static Observation result(String value, String effective, String patientUrl, String specimenUrl) {
        Observation result = potassium(unique("R"), patientUrl, value);
        result.setEffective(new DateTimeType(effective));
        result.getSpecimen().setReference(specimenUrl);
        return result;
    }

    private static DiagnosticReport report(String effective, String patientUrl, String... resultUrls) {
        DiagnosticReport report = new DiagnosticReport();
        report.addIdentifier().setSystem(REPORT_ID).setValue(unique("RPT"));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0074").setCode("LAB");
        report.getCode().addCoding().setSystem("http://loinc.org").setCode("24326-1")
                .setDisplay("Electrolytes 1998 panel - Serum or Plasma");
        report.getSubject().setReference(patientUrl);
        report.setEffective(new DateTimeType(effective));
        for (String resultUrl : resultUrls) {
            report.addResult().setReference(resultUrl);
        }
        return report;
    }
}

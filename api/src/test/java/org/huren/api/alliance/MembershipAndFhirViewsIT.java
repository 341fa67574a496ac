package org.huren.api.alliance;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/** Membership decides who may submit; alliances and their catalogs are visible over FHIR. */
@HurenIntegrationTest
class MembershipAndFhirViewsIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    @Test
    void onlyMembersSubmitAndASuspendedMembersResultsAreKeptButMarked() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "mbr-" + suffix;
        String lab = "MBR-" + suffix;
        new AllianceSteps(qc).form(alliance, "会员测试医联体", "SPECIALTY_ALLIANCE", "LOOSE")
                .enrol(alliance, lab, "SECONDARY");
        qc.get("/api/alliances/" + alliance + "/members");

        FhirTestClient lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
        Bundle active = lis.transaction(LabData.transaction(LabData.patient(unique("1105")),
                potassium(unique("R"), null, "4.0")));
        Observation fromActive = lis.client().read().resource(Observation.class)
                .withId(LabData.idOf(active, 1)).execute();
        assertThat(fromActive.getMeta().getTag()).filteredOn(t -> t.getCode().equals("suspended-member")).isEmpty();

        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + lab + "/suspension",
                Map.of("reason", "IQC records missing for 3 months")).status()).isEqualTo(200);
        qc.get("/api/alliances/" + alliance + "/members");
        Bundle suspended = lis.transaction(LabData.transaction(LabData.patient(unique("1106")),
                potassium(unique("R"), null, "4.1")));
        Observation fromSuspended = lis.client().read().resource(Observation.class)
                .withId(LabData.idOf(suspended, 1)).execute();
        assertThat(fromSuspended.getMeta().getTag())
                .filteredOn(t -> t.getSystem().equals("https://huren.org/fhir/CodeSystem/huren-tag"))
                .extracting(c -> c.getCode()).containsExactly("suspended-member");

        assertThat(qc.post("/api/alliances/" + alliance + "/members/" + lab + "/withdrawal",
                Map.of("reason", "left the alliance")).status()).isEqualTo(200);
        qc.get("/api/alliances/" + alliance + "/members");
        long events = eventStore.eventCount();
        assertThatThrownBy(() -> lis.transaction(LabData.transaction(LabData.patient(unique("1107")),
                potassium(unique("R"), null, "4.2"))))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("withdrawn");
        assertThat(eventStore.eventCount()).isEqualTo(events);
    }

    @Test
    void theCatalogIsACodeSystemAsOfAnyDate() {
        var fhir = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork()).client();
        CodeSystem catalog = fhir.read().resource(CodeSystem.class).withId("huren-catalog-demo").execute();
        assertThat(catalog.getUrl()).isEqualTo("https://huren.org/fhir/CodeSystem/catalog/demo");
        assertThat(catalog.getConcept()).hasSize(40);
        CodeSystem.ConceptDefinitionComponent glucose = catalog.getConcept().stream()
                .filter(c -> c.getCode().equals("GLU")).findFirst().orElseThrow();
        assertThat(glucose.getDesignationFirstRep().getValue()).isEqualTo("葡萄糖");
        assertThat(glucose.getProperty()).filteredOn(p -> p.getCode().equals("loinc"))
                .extracting(p -> p.getValue().primitiveValue()).containsExactly("14749-6", "2345-7", "2339-0");
        assertThat(glucose.getProperty()).filteredOn(p -> p.getCode().equals("validity-days"))
                .extracting(p -> p.getValue().primitiveValue()).containsExactly("30");

        Bundle beforeSeeding = fhir.search().forResource(CodeSystem.class)
                .where(CodeSystem.URL.matches().value("https://huren.org/fhir/CodeSystem/catalog/demo"))
                .withAdditionalHeader("Accept", "application/fhir+json")
                .whereMap(Map.of("_at", List.of("2024-10-01")))
                .returnBundle(Bundle.class).execute();
        assertThat(((CodeSystem) beforeSeeding.getEntryFirstRep().getResource()).getConcept()).isEmpty();

        CodeSystem readThen = fhir.read().resource(CodeSystem.class)
                .withUrl("http://localhost:" + port + "/fhir/CodeSystem/huren-catalog-demo?_at=2024-10-01").execute();
        assertThat(readThen.getConcept()).as("a read honours _at as the search does").isEmpty();
        assertThat(readThen.getDescription()).contains("2024-10-01");
        assertThatThrownBy(() -> fhir.read().resource(CodeSystem.class)
                .withUrl("http://localhost:" + port + "/fhir/CodeSystem/huren-catalog-demo?_at=2024-13-45").execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class)
                .hasMessageContaining("_at");
    }

    @Test
    void memberLabsAreFoundByNameAndIdentifier() {
        var fhir = new FhirTestClient("http://localhost:" + port + "/fhir", Tokens.qcNetwork()).client();
        Bundle byName = fhir.search().forResource(Organization.class)
                .where(Organization.NAME.matches().value("社区卫生")).returnBundle(Bundle.class).execute();
        assertThat(byName.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains("HR-CHC1").doesNotContain("HR-CORE");
        Bundle byLisCode = fhir.search().forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().code("CORE-LAB")).returnBundle(Bundle.class).execute();
        assertThat(byLisCode.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly("HR-CORE");
    }
}

package org.huren.api.labresult;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.api.support.EventStoreProbe;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.SyntheaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The foundation's end-to-end proof on real third-party data: an LIS posts Synthea's lab results as
 * transaction Bundles over HTTP (HAPI's generic client), finds every one again by search with its value and
 * unit, posts everything again and finds no duplicates; Synthea's own Bundles, full of non-lab resources,
 * are refused whole.
 */
@HurenIntegrationTest
class SyntheaIngestIT {

    @LocalServerPort
    int port;

    @Autowired
    EventStoreProbe eventStore;

    FhirTestClient lis;

    @BeforeEach
    void connect() {
        lis = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-SEC1");
    }

    @Test
    void everySyntheaLabObservationIsStoredOnceAndFoundBySearchWithItsValueAndUnit() {
        List<Bundle> bundles = SyntheaData.labObservationBundles(50);
        Map<String, Observation> expectedById = new HashMap<>();
        Map<String, String> patientIdByFullUrl = new HashMap<>();
        for (Bundle bundle : bundles) {
            Bundle response = lis.transaction(bundle);
            assertThat(response.getEntry()).hasSameSizeAs(bundle.getEntry());
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                BundleEntryComponent sent = bundle.getEntry().get(i);
                String location = response.getEntry().get(i).getResponse().getLocation();
                String id = location.split("/")[1];
                if (sent.getResource() instanceof Observation observation) {
                    assertThat(response.getEntry().get(i).getResponse().getStatus()).isEqualTo("201 Created");
                    expectedById.put(id, observation);
                } else {
                    patientIdByFullUrl.put(sent.getFullUrl(), id);
                }
            }
        }
        assertThat(expectedById).hasSize(6009);
        assertThat(patientIdByFullUrl).hasSize(81);
        long eventsAfterFirstPost = eventStore.eventCount();

        Map<String, Observation> found = searchAllByPatient(patientIdByFullUrl.values());
        assertThat(found.keySet()).isEqualTo(expectedById.keySet());
        for (Map.Entry<String, Observation> expected : expectedById.entrySet()) {
            Observation actual = found.get(expected.getKey());
            Observation sent = expected.getValue();
            assertThat(actual.getCode().getCodingFirstRep().getCode())
                    .isEqualTo(sent.getCode().getCodingFirstRep().getCode());
            assertThat(actual.getValueQuantity().getValue()).isEqualTo(sent.getValueQuantity().getValue());
            assertThat(actual.getValueQuantity().getCode()).isEqualTo(sent.getValueQuantity().getCode());
            assertThat(actual.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
            assertThat(actual.getMeta().getVersionId()).isEqualTo("1");
        }

        for (Bundle bundle : SyntheaData.labObservationBundles(50)) {
            Bundle response = lis.transaction(bundle);
            assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("200 OK"));
        }
        assertThat(eventStore.eventCount()).as("a resend appends no event").isEqualTo(eventsAfterFirstPost);
        Map<String, Observation> afterResend = searchAllByPatient(patientIdByFullUrl.values());
        assertThat(afterResend.keySet()).isEqualTo(expectedById.keySet());
        assertThat(afterResend.values()).allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
    }

    @Test
    void labOnlySyntheaBundlesWithReportsAreStoredFoundAndResentWithoutDuplicates() {
        for (String name : SyntheaData.BUNDLES) {
            Bundle bundle = SyntheaData.labOnly(SyntheaData.syntheaBundle(name));
            Bundle first = lis.transaction(bundle);
            Map<String, Observation> sentObservations = new HashMap<>();
            List<String> reportIds = new ArrayList<>();
            String patientId = null;
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                String location = first.getEntry().get(i).getResponse().getLocation();
                if (location == null) {
                    // Synthea's provider Organization is not a member lab: kept out, answered without a location
                    assertThat(bundle.getEntry().get(i).getResource().fhirType()).isEqualTo("Organization");
                    continue;
                }
                String id = location.split("/")[1];
                switch (bundle.getEntry().get(i).getResource().fhirType()) {
                    case "Observation" -> sentObservations.put(id, (Observation) bundle.getEntry().get(i).getResource());
                    case "DiagnosticReport" -> reportIds.add(id);
                    case "Patient" -> patientId = id;
                    default -> {
                    }
                }
            }
            assertThat(sentObservations).isNotEmpty();
            assertThat(reportIds).as("lab reports of %s", name).isNotEmpty();
            long events = eventStore.eventCount();

            Bundle second = lis.transaction(SyntheaData.labOnly(SyntheaData.syntheaBundle(name)));
            assertThat(eventStore.eventCount()).isEqualTo(events);
            for (int i = 0; i < first.getEntry().size(); i++) {
                assertThat(second.getEntry().get(i).getResponse().getLocation())
                        .isEqualTo(first.getEntry().get(i).getResponse().getLocation());
            }

            Map<String, Observation> found = searchAllByPatient(List.of(patientId));
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(sentObservations.keySet());
            sentObservations.forEach((id, sent) -> {
                Observation stored = found.get(id);
                assertThat(stored.getCode().getCodingFirstRep().getCode())
                        .isEqualTo(sent.getCode().getCodingFirstRep().getCode());
                assertThat(stored.hasEncounter()).isFalse();
                if (sent.hasValueQuantity()) {
                    assertThat(stored.getValueQuantity().getValue()).isEqualTo(sent.getValueQuantity().getValue());
                    assertThat(stored.getValueQuantity().getCode()).isEqualTo(sent.getValueQuantity().getCode());
                } else {
                    assertThat(stored.getValue().equalsDeep(sent.getValue())).as("value of %s", id).isTrue();
                }
            });
            for (String reportId : reportIds) {
                DiagnosticReport report = lis.client().read().resource(DiagnosticReport.class).withId(reportId)
                        .execute();
                assertThat(report.getSubject().getReference()).isEqualTo("Patient/" + patientId);
                assertThat(report.getResult()).allSatisfy(r -> assertThat(found).containsKey(
                        r.getReferenceElement().getIdPart()));
            }
        }
    }

    @Test
    void unmodifiedSyntheaBundlesAreRefusedWholeNamingTheNonLabEntries() {
        for (String name : SyntheaData.BUNDLES) {
            Bundle whole = SyntheaData.syntheaBundle(name);
            long before = eventStore.eventCount();
            assertThatThrownBy(() -> lis.transaction(whole))
                    .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                        OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                        Set<String> named = new HashSet<>();
                        outcome.getIssue().forEach(issue -> named.add(issue.getExpression().get(0).getValue()));
                        for (int i = 0; i < whole.getEntry().size(); i++) {
                            String type = whole.getEntry().get(i).getResource().fhirType();
                            boolean foreign = !SyntheaData.LAB_TYPES.contains(type);
                            assertThat(named.contains("Bundle.entry[" + i + "].resource"))
                                    .as("entry %d (%s) named", i, type).isEqualTo(foreign);
                        }
                    });
            assertThat(eventStore.eventCount()).as("nothing stored").isEqualTo(before);
        }
    }

    private Map<String, Observation> searchAllByPatient(Iterable<String> patientIds) {
        Map<String, Observation> found = new HashMap<>();
        for (String patientId : patientIds) {
            Bundle page = lis.client().search().forResource(Observation.class)
                    .where(Observation.PATIENT.hasId("Patient/" + patientId))
                    .count(200)
                    .returnBundle(Bundle.class).execute();
            while (true) {
                for (BundleEntryComponent entry : page.getEntry()) {
                    Observation observation = (Observation) entry.getResource();
                    Observation previous = found.put(observation.getIdElement().getIdPart(), observation);
                    assertThat(previous).as("each result once").isNull();
                }
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    break;
                }
                page = lis.client().loadPage().next(page).execute();
            }
        }
        return found;
    }
}

package org.huren.api.labresult;

import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.NATIONAL_ID;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/** What a clinician's search can ask, each parameter against results it must and must not match. */
@HurenIntegrationTest
class ObservationSearchIT {

    @LocalServerPort
    int port;

    FhirTestClient secondary;
    String nationalId;
    String patientId;
    List<String> resultIds = new ArrayList<>();

    @BeforeEach
    void threeResultsOfOnePatient() {
        secondary = new FhirTestClient("http://localhost:" + port + "/fhir", "HR-SEC1");
        nationalId = unique("110201");
        Observation early = potassium(unique("R"), null, "3.6");
        early.setEffective(new DateTimeType("2026-01-10T09:00:00+08:00"));
        Observation late = potassium(unique("R"), null, "4.4");
        late.setEffective(new DateTimeType("2026-03-05T09:00:00+08:00"));
        Observation glucose = potassium(unique("R"), null, "5.6");
        glucose.getCode().getCodingFirstRep().setCode("14749-6").setDisplay("Glucose");
        glucose.setStatus(Observation.ObservationStatus.PRELIMINARY);
        Bundle response = secondary.transaction(LabData.transaction(LabData.patient(nationalId), early, late, glucose));
        patientId = LabData.idOf(response, 0);
        for (int i = 1; i <= 3; i++) {
            resultIds.add(LabData.idOf(response, i));
        }
    }

    List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    @Test
    void byPatientIdAndByAnyPatientIdentifier() {
        Bundle byId = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId)).returnBundle(Bundle.class).execute();
        assertThat(ids(byId)).containsExactlyInAnyOrderElementsOf(resultIds);

        Bundle byNationalId = secondary.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(NATIONAL_ID, nationalId)))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(byNationalId)).containsExactlyInAnyOrderElementsOf(resultIds);

        Bundle byMrnValueOnly = secondary.client().search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly().code("MRN-" + nationalId)))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(byMrnValueOnly)).containsExactlyInAnyOrderElementsOf(resultIds);
    }

    @Test
    void byCodeWithAndWithoutSystem() {
        Bundle withSystem = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", "2823-3"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(withSystem)).containsExactlyInAnyOrder(resultIds.get(0), resultIds.get(1));

        Bundle codeOnly = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.CODE.exactly().code("14749-6"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(codeOnly)).containsExactly(resultIds.get(2));

        Bundle otherSystem = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.CODE.exactly().systemAndCode("http://snomed.info/sct", "2823-3"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(otherSystem)).isEmpty();
    }

    @Test
    void byDateRangesStatusPerformerAndLastUpdated() {
        Bundle february = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.DATE.afterOrEquals().day("2026-02-01"))
                .and(Observation.DATE.beforeOrEquals().day("2026-03-31"))
                .and(Observation.CODE.exactly().code("2823-3"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(february)).containsExactly(resultIds.get(1));

        Bundle onTheDay = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.DATE.exactly().day("2026-01-10"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(onTheDay)).containsExactly(resultIds.get(0));

        Bundle preliminary = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(new TokenClientParam("status").exactly().code("preliminary"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(preliminary)).containsExactly(resultIds.get(2));

        Bundle otherLab = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.PERFORMER.hasId("Organization/HR-CORE"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(otherLab)).isEmpty();
        Bundle thisLab = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.PERFORMER.hasId("Organization/HR-SEC1"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(thisLab)).hasSize(3);

        Bundle updatedInTheFuture = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam("ge2099-01-01", null))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(updatedInTheFuture)).isEmpty();
        Bundle updatedSince2020 = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam("ge2020-01-01", null))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(updatedSince2020)).hasSize(3);
    }

    @Test
    void pagesFollowNextLinksWithoutLosingOrRepeatingResults() {
        Bundle page = secondary.client().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId)).count(2)
                .returnBundle(Bundle.class).execute();
        assertThat(page.getTotal()).isEqualTo(3);
        List<String> seen = new ArrayList<>(ids(page));
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
        Bundle second = secondary.client().loadPage().next(page).execute();
        seen.addAll(ids(second));
        assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(second.getLink(Bundle.LINK_PREV)).isNotNull();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(resultIds);
    }

    @Test
    void byTheLisIdentifier() {
        Observation first = secondary.client().read().resource(Observation.class).withId(resultIds.get(0)).execute();
        String identifier = first.getIdentifierFirstRep().getValue();
        Bundle found = secondary.client().search().forResource(Observation.class)
                .where(Observation.IDENTIFIER.exactly().systemAndCode(LabData.RESULT_ID, identifier))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(found)).containsExactly(resultIds.get(0));
    }
}

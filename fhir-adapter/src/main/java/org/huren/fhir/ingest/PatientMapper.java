package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.huren.domain.patient.PatientContent;

/** FHIR Patient → {@link PatientContent}, keeping every identifier. */
final class PatientMapper {

    PatientContent content(LabRecordIngest.Planned p, Patient patient, String hash) {
        HumanName name = patient.hasName() ? patient.getNameFirstRep() : null;
        return new PatientContent(
                FhirValues.identifiers(patient.getIdentifier()),
                name == null ? null : name.getNameAsSingleString(),
                patient.hasGender() ? patient.getGender().toCode() : null,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                p.storedJson,
                hash);
    }
}

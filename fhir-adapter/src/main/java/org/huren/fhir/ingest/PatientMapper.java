package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.huren.domain.patient.PatientContent;
import org.huren.domain.patient.RegisterPatient;
import org.huren.fhir.server.Problem;

/** FHIR Patient → {@link RegisterPatient}, keeping every identifier. */
final class PatientMapper {

    RegisterPatient command(LabRecordIngest.Planned p, Patient patient, String hash, Problem problem) {
        HumanName name = patient.hasName() ? patient.getNameFirstRep() : null;
        PatientContent content = new PatientContent(
                FhirValues.identifiers(patient.getIdentifier()),
                name == null ? null : name.getNameAsSingleString(),
                patient.hasGender() ? patient.getGender().toCode() : null,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                p.storedJson,
                hash);
        return new RegisterPatient(p.id, p.lab.code(), p.key, content, p.mode);
    }
}

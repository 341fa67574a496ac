package org.huren.domain.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The LIS sends (again) a patient HuRen holds, as an update. {@code expectedVersion}: the version the LIS revised
 * (FHIR {@code If-Match}) — any other current version refuses the update —, or null when it named none.
 */
public record UpdatePatientDetails(@TargetAggregateIdentifier String patientId, String labId, PatientContent content,
                                   Long expectedVersion) {

    /** An update of whatever version is current. */
    public UpdatePatientDetails(String patientId, String labId, PatientContent content) {
        this(patientId, labId, content, null);
    }
}

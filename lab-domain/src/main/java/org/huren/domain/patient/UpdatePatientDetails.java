package org.huren.domain.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The LIS sends (again) a patient HuRen holds, as an update. */
public record UpdatePatientDetails(@TargetAggregateIdentifier String patientId, String labId, PatientContent content) {
}

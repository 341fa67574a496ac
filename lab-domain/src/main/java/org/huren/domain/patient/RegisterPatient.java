package org.huren.domain.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;

/** An LIS sends a patient HuRen does not hold yet, known to the lab under {@code key}. */
public record RegisterPatient(@TargetAggregateIdentifier String patientId,
                              String labId,
                              ResourceKey key,
                              PatientContent content) {
}

package org.huren.domain.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteMode;

/** An LIS sends a patient its results refer to. */
public record RegisterPatient(@TargetAggregateIdentifier String patientId,
                              String labId,
                              ResourceKey key,
                              PatientContent content,
                              WriteMode mode) {
}

package org.huren.domain.linking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Link a member's patient record to the person known in the alliance by a trusted identifier. */
public record LinkPatientRecord(@TargetAggregateIdentifier String personId, String allianceId, String system,
                                String value, String patientId, String labId) {
}

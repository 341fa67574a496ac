package org.huren.domain.linking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Undo a link (a shared identifier that is wrong, a mix-up); the record is not linked again by itself. */
public record UnlinkPatientRecord(@TargetAggregateIdentifier String personId, String patientId, String reason) {
}

package org.huren.domain.linking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A QC manager's decision that a member's patient record is the person known by the trusted identifier, with the
 * reason: it links the record even when an earlier decision undid the link (or the record does not carry the
 * identifier), until a later unlink says otherwise.
 */
public record ConfirmPatientLink(@TargetAggregateIdentifier String personId, String allianceId, String system,
                                 String value, String patientId, String labId, String reason) {
}

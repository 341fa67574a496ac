package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A QC manager verifies the submitted corrective action: the finding is closed. */
public record VerifyCorrectiveAction(@TargetAggregateIdentifier String auditId, String findingId, String note,
                                     String verifiedBy) {
}

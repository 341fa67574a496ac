package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A QC manager rejects the submitted corrective action, saying why; the lab must submit again. */
public record RejectCorrectiveAction(@TargetAggregateIdentifier String auditId, String findingId, String reason,
                                     String rejectedBy) {
}

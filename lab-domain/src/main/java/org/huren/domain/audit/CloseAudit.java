package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The audit visit is over: no more findings; its findings' corrective actions go on. */
public record CloseAudit(@TargetAggregateIdentifier String auditId, String summary, String closedBy) {
}

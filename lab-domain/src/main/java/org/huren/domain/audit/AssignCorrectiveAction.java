package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** A finding's corrective action (整改) is assigned to an owner, due by a date (China Standard Time). */
public record AssignCorrectiveAction(@TargetAggregateIdentifier String auditId, String findingId, String owner,
                                     LocalDate dueDate, String assignedBy) {
}

package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A closed finding is reopened (the problem came back, the verification was wrong): a new action is needed. */
public record ReopenFinding(@TargetAggregateIdentifier String auditId, String findingId, String reason,
                            String reopenedBy) {
}

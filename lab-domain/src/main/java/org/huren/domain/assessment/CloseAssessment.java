package org.huren.domain.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Set;

/**
 * Close an assessment with its outcome: accredited for {@code itemCodes} until {@code validUntil}, or not
 * accredited.
 */
public record CloseAssessment(@TargetAggregateIdentifier String assessmentId, AssessmentOutcome outcome,
                              Set<String> itemCodes, LocalDate validUntil, String closedBy) {

    public CloseAssessment {
        itemCodes = itemCodes == null ? Set.of() : Set.copyOf(itemCodes);
    }
}

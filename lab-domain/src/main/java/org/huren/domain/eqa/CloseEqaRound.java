package org.huren.domain.eqa;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The QC manager closes the round before its deadline and has it graded now. */
public record CloseEqaRound(@TargetAggregateIdentifier String roundId, String closedBy) {
}

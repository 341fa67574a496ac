package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A QC manager sets how the alliance decides recognition: whether a criterion whose evidence is not yet
 * known (no EQA round, no IQC run, no audit yet) blocks recognition, and tighter limits than DOMAIN.md's
 * defaults — an IQC bracketing window of at most 24 h, an EQA no older than at most 365 days.
 */
public record SetRecognitionPolicy(@TargetAggregateIdentifier String allianceId, boolean notYetKnownBlocks,
                                   int iqcBracketHours, int eqaMaxAgeDays) {
}

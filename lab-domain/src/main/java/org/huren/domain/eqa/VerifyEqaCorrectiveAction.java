package org.huren.domain.eqa;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A QC manager records that a lab's corrective action for an item's unsuccessful EQA performance was verified —
 * one of the two things (with a later satisfactory round) that lift the suspension.
 */
public record VerifyEqaCorrectiveAction(@TargetAggregateIdentifier String actionId, String allianceId,
                                        String labCode, String itemCode, String description, String verifiedBy) {
}

package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member leaves the alliance; it may no longer submit. */
public record WithdrawMember(@TargetAggregateIdentifier String allianceId, String labCode, String reason) {
}

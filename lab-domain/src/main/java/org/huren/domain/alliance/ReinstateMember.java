package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A suspended member is active again. */
public record ReinstateMember(@TargetAggregateIdentifier String allianceId, String labCode, String reason) {
}

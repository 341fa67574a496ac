package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member is suspended (its results are kept, marked, and not recognized). */
public record SuspendMember(@TargetAggregateIdentifier String allianceId, String labCode, String reason) {
}

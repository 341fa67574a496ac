package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Withdraw a lab's accreditation for one item, effective at {@code effectiveAt} — which may lie in the past
 * when non-compliance is discovered late.
 */
public record WithdrawAccreditation(@TargetAggregateIdentifier String allianceId, String labCode, String itemCode,
                                    String reason, Instant effectiveAt) {
}

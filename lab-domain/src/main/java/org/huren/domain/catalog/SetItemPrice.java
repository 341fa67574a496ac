package org.huren.domain.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The price the alliance's region charges for a catalog item from {@code effectiveFrom} (China Standard Time
 * dates) — what a reused result saves (estimated savings, DOMAIN.md §1). {@code currency} is ISO 4217 (CNY).
 */
public record SetItemPrice(@TargetAggregateIdentifier String allianceId, String itemCode, BigDecimal price,
                           String currency, LocalDate effectiveFrom) {
}

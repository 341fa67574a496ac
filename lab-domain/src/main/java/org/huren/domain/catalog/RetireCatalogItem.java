package org.huren.domain.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** An item leaves the catalog from {@code effectiveFrom}. */
public record RetireCatalogItem(@TargetAggregateIdentifier String allianceId, String itemCode, LocalDate effectiveFrom,
                                String reason) {
}

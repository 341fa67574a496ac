package org.huren.domain.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new version of an item, effective from its {@code effectiveFrom}; earlier versions stay answerable. */
public record AmendCatalogItem(@TargetAggregateIdentifier String allianceId, CatalogItem item) {
}

package org.huren.domain.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A QC manager puts an item in the alliance's recognition catalog. */
public record PublishCatalogItem(@TargetAggregateIdentifier String allianceId, CatalogItem item) {
}

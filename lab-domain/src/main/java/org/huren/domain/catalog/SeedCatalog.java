package org.huren.domain.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Publish a whole catalog (the default one) at once; items already published are left as they are. */
public record SeedCatalog(@TargetAggregateIdentifier String allianceId, List<CatalogItem> items) {

    public SeedCatalog {
        items = items == null ? List.of() : items.stream().filter(java.util.Objects::nonNull).toList();
    }
}

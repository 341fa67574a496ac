package org.huren.domain.catalog;

/** A new version of a catalog item, effective from {@code item.effectiveFrom()}. */
public record CatalogItemAmended(String allianceId, CatalogItem item, int version) {
}

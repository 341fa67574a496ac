package org.huren.domain.alliance.query;

import org.huren.domain.catalog.CatalogItem;

import java.time.LocalDate;

/** One version of a catalog item with its version number and retirement date, if any. */
public record CatalogItemView(CatalogItem item, int version, LocalDate retiredFrom) {
}

package org.huren.domain.catalog;

import java.time.LocalDate;

/** A catalog item is no longer recognized from {@code effectiveFrom}. */
public record CatalogItemRetired(String allianceId, String itemCode, LocalDate effectiveFrom, String reason) {
}

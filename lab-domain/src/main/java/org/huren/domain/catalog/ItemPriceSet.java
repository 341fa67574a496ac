package org.huren.domain.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A catalog item's price from {@code effectiveFrom} on; earlier reuses keep the price in force then. */
public record ItemPriceSet(String allianceId, String itemCode, BigDecimal price, String currency,
                           LocalDate effectiveFrom) {
}

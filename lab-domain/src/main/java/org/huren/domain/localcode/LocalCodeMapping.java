package org.huren.domain.localcode;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of the mapping of a lab's local item code to a catalog item: the lab's code, its name as the lab
 * writes it (usually Chinese) and the UCUM unit the lab reports it in; the catalog item, the LOINC code under which
 * that unit converts to the item's unit, the item's English name and canonical unit, and the alliance whose catalog
 * it was checked against. It covers results taken from {@code effectiveFrom} (a day in China Standard Time) — and,
 * when {@code retroactive}, also the lab's earlier results that no other version covers.
 */
public record LocalCodeMapping(String code, String display, String unit, String itemCode, String itemName,
                               String loinc, String catalogUnit, String allianceId, LocalDate effectiveFrom,
                               boolean retroactive) {

    public LocalCodeMapping {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(loinc, "loinc");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    /**
     * Whether {@code other} says the same as this one, whenever it takes effect: a list imported again on a later
     * day changes nothing.
     */
    public boolean saysTheSameAs(LocalCodeMapping other) {
        return other != null && code.equals(other.code) && Objects.equals(display, other.display)
                && unit.equals(other.unit) && itemCode.equals(other.itemCode) && loinc.equals(other.loinc)
                && retroactive == other.retroactive;
    }
}

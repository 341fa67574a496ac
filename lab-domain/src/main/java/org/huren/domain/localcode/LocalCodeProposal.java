package org.huren.domain.localcode;

import org.huren.domain.catalog.CatalogItem;

import java.time.LocalDate;

/**
 * A mapping a QC manager asks for: the lab's code, its name and unit, the catalog item it names (in the version in
 * force on {@code effectiveFrom} in alliance {@code allianceId}; null when the catalog has no such item) and from
 * when it applies. {@code source} locates the proposal in the request for error messages — empty for a single
 * mapping, {@code rows[5]} for row 5 of an imported spreadsheet.
 */
public record LocalCodeProposal(String source, String code, String display, String unit, String itemCode,
                                CatalogItem item, String allianceId, LocalDate effectiveFrom, boolean retroactive) {

    /** The request field {@code field} of this proposal: {@code unit}, or {@code rows[5].unit}. */
    public String field(String field) {
        return source == null || source.isEmpty() ? field : source + "." + field;
    }
}

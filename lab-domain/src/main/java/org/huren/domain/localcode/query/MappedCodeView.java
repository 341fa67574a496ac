package org.huren.domain.localcode.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A local code of a lab's map: its newest change (what the map says now) — {@code status} MAPPED or RETIRED (from
 * {@code retiredFrom}, because {@code retireReason}) — and every change, oldest first.
 */
public record MappedCodeView(String code, String display, String unit, String itemCode, String itemName, String loinc,
                             String catalogUnit, String allianceId, LocalDate effectiveFrom, boolean retroactive,
                             String status, LocalDate retiredFrom, String retireReason,
                             List<MappingChangeView> history) {

    public MappedCodeView {
        history = List.copyOf(history);
    }
}

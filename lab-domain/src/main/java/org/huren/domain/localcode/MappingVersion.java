package org.huren.domain.localcode;

import java.time.LocalDate;

/**
 * One change of one code's mapping, as recognition needs it: from when it covers results, whether it reaches back
 * before that, and the catalog item and LOINC code it maps to — both null for a retirement (the code maps to
 * nothing from then on). {@code eventId} is the event that made it, for the decision's evidence.
 */
public record MappingVersion(String codeMapId, int mapVersion, LocalDate effectiveFrom, boolean retroactive,
                             String itemCode, String loinc, String itemName, String eventId) {

    public boolean retired() {
        return loinc == null;
    }
}

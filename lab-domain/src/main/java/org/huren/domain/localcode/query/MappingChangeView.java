package org.huren.domain.localcode.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of a code's mapping: the map version it made, what it did (MAPPED, AMENDED, RETIRED), from when, what
 * it mapped to (nothing for a retirement), when it was recorded and by which event.
 */
public record MappingChangeView(int mapVersion, String change, LocalDate effectiveFrom, boolean retroactive,
                                String display, String unit, String itemCode, String itemName, String loinc,
                                String catalogUnit, String allianceId, String reason, Instant recordedAt,
                                String eventId) {
}

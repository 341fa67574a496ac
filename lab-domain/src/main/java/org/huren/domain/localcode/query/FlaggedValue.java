package org.huren.domain.localcode.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A result not recognized because its value is implausible for its item in an alliance: the value and unit as sent,
 * the local code it came under (null when the lab sent LOINC), the item, and why (the value in the item's unit
 * against the plausible range).
 */
public record FlaggedValue(String resultId, String allianceId, Instant effectiveAt, String itemCode,
                           BigDecimal value, String unit, String localSystem, String localCode, String reason) {
}

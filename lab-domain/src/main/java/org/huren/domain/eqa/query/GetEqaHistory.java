package org.huren.domain.eqa.query;

/**
 * The EQA history of an alliance's labs per item (rounds and flight inspections, oldest first), optionally for one
 * lab and one item; answered with {@link EqaHistoryEntry}s.
 */
public record GetEqaHistory(String allianceId, String labCode, String itemCode) {
}

package org.huren.domain.eqa.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One graded round of one lab for one item, the standing after it (SATISFACTORY, UNSATISFACTORY, UNSUCCESSFUL) and
 * the trend of the score against the lab's previous round for the item (UP, DOWN, SAME; null for the first).
 */
public record EqaHistoryEntry(String labCode, String itemCode, String roundId, String kind, Instant gradedAt,
                              BigDecimal scorePercent, boolean satisfactory, String standing, String trend) {
}

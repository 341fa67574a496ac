package org.huren.domain.eqa.query;

import org.huren.domain.eqa.SampleGrade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One graded round of one lab for one item, the standing after it (SATISFACTORY, UNSATISFACTORY, UNSUCCESSFUL), the
 * trend of the score against the lab's previous round for the item (UP, DOWN, SAME; null for the first), and each
 * sample's grade with its z, z′ and ζ.
 */
public record EqaHistoryEntry(String labCode, String itemCode, String roundId, String kind, Instant gradedAt,
                              BigDecimal scorePercent, boolean satisfactory, String standing, String trend,
                              List<SampleGrade> samples) {
}

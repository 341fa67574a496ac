package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.time.Instant;

/** A participant's result for a sample and item, on time; a later one for the same pair replaces it. */
public record EqaResultSubmitted(String roundId, String allianceId, String labCode, String sampleCode,
                                 String itemCode, BigDecimal value, String category, Instant submittedAt,
                                 String submittedBy, EqaChannel channel, String sourceResultId, boolean replaces) {
}

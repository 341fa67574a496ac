package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A participant's result for a sample and item, on time; a later one for the same pair replaces it.
 * {@code uncertainty}: the standard uncertainty u(x) the participant stated, in the round item's unit (null when it
 * stated none, and in results recorded before issue 11).
 */
public record EqaResultSubmitted(String roundId, String allianceId, String labCode, String sampleCode,
                                 String itemCode, BigDecimal value, String category, Instant submittedAt,
                                 String submittedBy, EqaChannel channel, String sourceResultId, boolean replaces,
                                 BigDecimal uncertainty) {

    /** A result without a stated uncertainty. */
    public EqaResultSubmitted(String roundId, String allianceId, String labCode, String sampleCode, String itemCode,
                              BigDecimal value, String category, Instant submittedAt, String submittedBy,
                              EqaChannel channel, String sourceResultId, boolean replaces) {
        this(roundId, allianceId, labCode, sampleCode, itemCode, value, category, submittedAt, submittedBy, channel,
                sourceResultId, replaces, null);
    }
}

package org.huren.domain.eqa;

import java.time.Instant;

/** One participant's grade for one item of a graded round, with the rule set it used. */
public record EqaItemGraded(String roundId, String allianceId, EqaRoundKind kind, String labCode, String itemCode,
                            ItemGrade grade, Instant gradedAt) {
}

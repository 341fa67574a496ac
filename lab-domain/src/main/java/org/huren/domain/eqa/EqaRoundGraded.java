package org.huren.domain.eqa;

import java.time.Instant;

/**
 * The round was graded — at its deadline ({@code DEADLINE}), closed by a QC manager ({@code CLOSED}), or, for a
 * flight inspection, when every blind sample had its result ({@code COMPLETE}). Assigned values may be shown now.
 */
public record EqaRoundGraded(String roundId, String allianceId, Instant gradedAt, String trigger, String gradedBy) {

    public static final String DEADLINE = "DEADLINE";
    public static final String CLOSED = "CLOSED";
    public static final String COMPLETE = "COMPLETE";
}

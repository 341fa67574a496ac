package org.huren.domain.eqa;

import java.time.Instant;

/**
 * A result HuRen refused and logs: after the deadline or the grading ({@code LATE}), or — for a blind sample's LIS
 * result, which is never refused to the LIS — one that cannot be placed ({@code NOT_AN_ITEM}, {@code WRONG_UNIT},
 * {@code NO_VALUE}).
 */
public record EqaResultRefused(String roundId, String allianceId, String labCode, String sampleCode, String code,
                               String reason, String detail, Instant at, EqaChannel channel, String sourceResultId) {

    public static final String LATE = "LATE";
    public static final String NOT_AN_ITEM = "NOT_AN_ITEM";
    public static final String WRONG_UNIT = "WRONG_UNIT";
    public static final String NO_VALUE = "NO_VALUE";
}

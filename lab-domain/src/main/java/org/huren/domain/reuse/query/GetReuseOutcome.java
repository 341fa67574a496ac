package org.huren.domain.reuse.query;

/** One recorded reuse outcome of an alliance; answered with an optional {@link ReuseOutcomeView}. */
public record GetReuseOutcome(String allianceId, String outcomeId) {
}

package org.huren.domain.eqa.query;

/** One round; answered with an optional {@link EqaRoundView}. */
public record GetEqaRound(String roundId) {
}

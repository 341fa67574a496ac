package org.huren.domain.eqa.query;

/** A round's results table (lab × item × sample) with grades; answered with an optional {@link EqaRoundResults}. */
public record GetEqaRoundResults(String roundId) {
}

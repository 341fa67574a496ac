package org.huren.domain.eqa.query;

/** The rounds (and flight inspections) of an alliance, newest first; answered with {@link EqaRoundView}s. */
public record ListEqaRounds(String allianceId) {
}

package org.huren.domain.eqa.query;

/** The alliance's EQA pass rate per item over all graded rounds; answered with {@link EqaPassRate}s. */
public record GetEqaPassRates(String allianceId) {
}

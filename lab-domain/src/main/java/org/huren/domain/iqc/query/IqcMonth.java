package org.huren.domain.iqc.query;

import java.math.BigDecimal;

/**
 * One month (China Standard Time) of one level and lot. {@code n}, {@code mean}, {@code sd} and {@code cvPercent}
 * are as recognition judges the month ({@link org.huren.domain.iqc.ControlCv}): without the values of rejected
 * runs, and the CV only from {@value org.huren.domain.iqc.ControlCv#MIN_VALUES} values on (null before).
 * {@code nAllRuns} and {@code cvAllRunsPercent} count every value of the month, rejected runs' included. Then the
 * month's evaluated runs and rejection rate.
 */
public record IqcMonth(String month, String level, String lot, int n, BigDecimal mean, BigDecimal sd,
                       BigDecimal cvPercent, int nAllRuns, BigDecimal cvAllRunsPercent, int runs, int rejectedRuns,
                       BigDecimal rejectionRatePercent) {
}

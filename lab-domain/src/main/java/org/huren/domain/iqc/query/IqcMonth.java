package org.huren.domain.iqc.query;

import java.math.BigDecimal;

/**
 * One month (China Standard Time) of one level and lot: n, mean, SD and CV % of the control values, and the
 * month's evaluated runs and rejection rate.
 */
public record IqcMonth(String month, String level, String lot, int n, BigDecimal mean, BigDecimal sd,
                       BigDecimal cvPercent, int runs, int rejectedRuns, BigDecimal rejectionRatePercent) {
}

package org.huren.domain.reuse.query;

import java.math.BigDecimal;

/** One group's reminders, reuses and re-tests, and its rate (percent, 2 decimals; null when no reminder). */
public record ReuseKpi(String group, long reminders, long reused, long retested, BigDecimal reuseRatePercent) {
}

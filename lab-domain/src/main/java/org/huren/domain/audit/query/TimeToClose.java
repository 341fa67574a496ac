package org.huren.domain.audit.query;

import java.math.BigDecimal;

/** Per severity: findings recorded, closed, and days to close (mean, median, max; 2 decimals). */
public record TimeToClose(String severity, long findings, long closed, BigDecimal meanDays, BigDecimal medianDays,
                          BigDecimal maxDays) {
}

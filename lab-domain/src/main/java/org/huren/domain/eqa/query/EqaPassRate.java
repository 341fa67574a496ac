package org.huren.domain.eqa.query;

import java.math.BigDecimal;

/** Graded lab × round grades of an item, how many were satisfactory, and the pass rate (percent, 2 decimals). */
public record EqaPassRate(String itemCode, long graded, long satisfactory, BigDecimal passRatePercent) {
}

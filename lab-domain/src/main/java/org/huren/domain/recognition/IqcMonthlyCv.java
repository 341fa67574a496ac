package org.huren.domain.recognition;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The CV % of one control level's values in one month (China Standard Time, {@code yyyy-MM}) at the lab for the
 * item, from {@code n} values — a month whose CV exceeds the item's maximum fails IQC_IN_CONTROL (DOMAIN.md §4).
 */
public record IqcMonthlyCv(String month, String level, BigDecimal cvPercent, int n) {

    public IqcMonthlyCv {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cvPercent, "cvPercent");
    }
}

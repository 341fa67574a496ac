package org.huren.domain.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Allowable total error (允许总误差) of an item: an absolute limit below a concentration, a percentage above
 * it — allowed error = max(abs, pct × |target|) (WS/T 403-2024). Either part may be absent.
 */
public record AllowableError(BigDecimal absolute, BigDecimal percent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public AllowableError {
        if (absolute == null && percent == null) {
            throw new IllegalArgumentException("an allowable error needs an absolute or a percent limit");
        }
        if (absolute != null && absolute.signum() < 0 || percent != null && percent.signum() < 0) {
            throw new IllegalArgumentException("allowable error limits cannot be negative");
        }
    }

    /** The error allowed around {@code target}, in the target's unit. */
    public BigDecimal allowedAround(BigDecimal target) {
        BigDecimal relative = percent == null ? BigDecimal.ZERO
                : percent.multiply(target.abs()).divide(HUNDRED, 12, RoundingMode.HALF_UP).stripTrailingZeros();
        if (absolute == null) {
            return relative;
        }
        return absolute.max(relative);
    }
}

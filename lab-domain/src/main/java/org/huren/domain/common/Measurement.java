package org.huren.domain.common;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A measured quantity as the lab reported it: the exact decimal (precision kept, never a double), its
 * UCUM unit code, the unit as displayed, and a comparator such as {@code <} when the value is a limit.
 */
public record Measurement(BigDecimal value, String ucumCode, String unitDisplay, String comparator) {

    public Measurement {
        Objects.requireNonNull(value, "value");
    }
}

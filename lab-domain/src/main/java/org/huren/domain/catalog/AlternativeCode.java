package org.huren.domain.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Another LOINC code a lab may report the item under, with its unit and the factor that converts it to the
 * item's canonical unit: value × factor = value in the canonical unit (glucose mg/dL × 0.0555 = mmol/L).
 */
public record AlternativeCode(String loinc, String ucumUnit, BigDecimal factor) {

    public AlternativeCode {
        Objects.requireNonNull(loinc, "loinc");
        Objects.requireNonNull(ucumUnit, "ucumUnit");
        Objects.requireNonNull(factor, "factor");
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("conversion factor must be positive: " + factor);
        }
    }
}

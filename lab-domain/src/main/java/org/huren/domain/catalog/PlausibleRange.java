package org.huren.domain.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The values of an item a living patient can have, in the item's canonical unit — far wider than a reference
 * interval (参考区间): critical values lie inside it. A value outside is more likely labelled with the wrong unit
 * (a g/L value sent as g/dL, a mg/dL glucose sent as mmol/L) than measured, so recognition flags it to the QC
 * manager instead of recognizing it (ADR 0017). Both ends are inclusive.
 */
public record PlausibleRange(BigDecimal low, BigDecimal high) {

    public PlausibleRange {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.signum() < 0 || low.compareTo(high) >= 0) {
            throw new IllegalArgumentException("a plausible range runs from a low of 0 or more to a higher high: "
                    + low.toPlainString() + "–" + high.toPlainString());
        }
    }

    /** Whether {@code value}, in the item's canonical unit, lies within the range (ends included). */
    public boolean contains(BigDecimal value) {
        return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
    }

    /** {@code low–high}, as the catalog writes it. */
    public String describe() {
        return low.toPlainString() + "–" + high.toPlainString();
    }
}

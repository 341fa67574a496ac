package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The target (靶值) of one control level (质控品水平) of one item at one lab and lot: mean (均值) and standard
 * deviation (标准差, SD), established from ≥20 results on ≥20 separate runs ({@link Statistics#establishTarget}) or
 * entered from the lot's data, and locked per lot (DOMAIN.md §4).
 *
 * @param level the control level, e.g. {@code "L1"}; matches {@link ControlResult#level()}
 * @param mean  the target mean
 * @param sd    the target SD, strictly positive
 */
public record ControlTarget(String level, BigDecimal mean, BigDecimal sd) {

    public ControlTarget {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("a control target needs a level");
        }
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(sd, "sd");
        if (sd.signum() <= 0) {
            throw new IllegalArgumentException("the SD of control level " + level + " must be > 0, was " + sd);
        }
    }

    /**
     * The Levey-Jennings chart line (质控图控制线) at {@code k} SD: mean + k × SD, exact ({@code k} may be negative;
     * 0 is the mean).
     */
    public BigDecimal line(int k) {
        return mean.add(sd.multiply(BigDecimal.valueOf(k)));
    }
}

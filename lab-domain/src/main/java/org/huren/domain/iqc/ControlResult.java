package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One measured control value (质控结果) of one control level (质控品水平) in a run.
 *
 * @param level the control level, e.g. {@code "L1"}; a {@link ControlTarget} with that level must exist
 * @param value the measured value, in the target's unit
 */
public record ControlResult(String level, BigDecimal value) {

    public ControlResult {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("a control result needs a level");
        }
        Objects.requireNonNull(value, "value");
    }
}

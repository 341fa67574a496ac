package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One control value that takes part in a {@link RuleViolation}.
 *
 * @param runId the run it was measured in (the current run or an earlier one)
 * @param level its control level
 * @param z     its z-score ({@link ZScore#z()})
 */
public record PointRef(String runId, String level, BigDecimal z) {

    public PointRef {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(z, "z");
    }
}

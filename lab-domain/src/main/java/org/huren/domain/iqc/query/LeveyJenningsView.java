package org.huren.domain.iqc.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a Levey-Jennings chart (质控图) needs: the lot's target mean and SD (the ±1/2/3 SD lines follow) and every
 * point in run order with its z and the rules that fired on it.
 */
public record LeveyJenningsView(String labCode, String itemCode, String level, String lot, BigDecimal mean,
                                BigDecimal sd, List<Point> points) {

    /**
     * A control value: {@code rules}, the rules it takes part in; {@code violations}, each of them with the run whose
     * evaluation found it (a later run's violation can cite this point too).
     */
    public record Point(String runId, Instant runAt, BigDecimal value, BigDecimal z, String runStatus,
                        List<String> rules, List<PointViolation> violations) {
    }

    /** A rule that fired with this point among its values, in the evaluation of run {@code runId}. */
    public record PointViolation(String rule, String runId) {
    }
}

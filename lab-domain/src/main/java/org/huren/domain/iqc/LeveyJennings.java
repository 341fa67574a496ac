package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data of a Levey-Jennings chart (L-J 质控图): every control value with its z-score, by run time, then level
 * order within a run. The chart lines are {@link ControlTarget#line(int)} (mean, ±1, ±2, ±3 SD).
 */
public final class LeveyJennings {

    /** One plotted value. */
    public record ChartPoint(String runId, Instant runAt, String level, BigDecimal value, BigDecimal z) {
    }

    private LeveyJennings() {
    }

    /**
     * Every value of the runs (oldest first) with its z-score.
     *
     * @throws IllegalArgumentException when a level has no target, runs are out of time order, or a run id repeats
     */
    public static List<ChartPoint> points(List<ControlRun> runsOldestFirst, Map<String, ControlTarget> targets) {
        return ControlSequence.of(runsOldestFirst, targets).flat().stream()
                .map(p -> new ChartPoint(p.runId(), p.runAt(), p.level(), p.value(), p.z().z()))
                .toList();
    }

    /** The values of one level only (one line of the chart). */
    public static List<ChartPoint> series(String level, List<ControlRun> runsOldestFirst,
                                          Map<String, ControlTarget> targets) {
        Objects.requireNonNull(level, "level");
        return points(runsOldestFirst, targets).stream().filter(p -> p.level().equals(level)).toList();
    }
}

package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs oldest first, each with its values as z-scores, in level order. Validates what every IQC computation
 * needs: unique run ids, runs in time order, a target for every level.
 */
final class ControlSequence {

    /** One control value placed in the sequence. */
    record Point(int runIndex, int levelIndex, String runId, Instant runAt, String level, BigDecimal value,
                 ZScore z) {

        PointRef ref() {
            return new PointRef(runId, level, z.z());
        }
    }

    private final List<List<Point>> runs;

    private ControlSequence(List<List<Point>> runs) {
        this.runs = runs;
    }

    static ControlSequence of(List<ControlRun> runsOldestFirst, Map<String, ControlTarget> targets) {
        Objects.requireNonNull(runsOldestFirst, "runs");
        Objects.requireNonNull(targets, "targets");
        targets.forEach((level, target) -> {
            Objects.requireNonNull(target, "target of level " + level);
            if (!target.level().equals(level)) {
                throw new IllegalArgumentException("the target filed under level " + level + " is for level "
                        + target.level());
            }
        });
        Set<String> runIds = new HashSet<>();
        List<List<Point>> runs = new ArrayList<>();
        Instant previousAt = null;
        for (ControlRun run : runsOldestFirst) {
            Objects.requireNonNull(run, "run");
            if (!runIds.add(run.runId())) {
                throw new IllegalArgumentException("run " + run.runId() + " appears more than once");
            }
            if (previousAt != null && run.runAt().isBefore(previousAt)) {
                throw new IllegalArgumentException("runs must be oldest first: run " + run.runId() + " at "
                        + run.runAt() + " comes after a run at " + previousAt);
            }
            previousAt = run.runAt();
            int runIndex = runs.size();
            List<Point> points = new ArrayList<>();
            for (ControlResult result : run.results()) {
                ControlTarget target = targets.get(result.level());
                if (target == null) {
                    throw new IllegalArgumentException("no control target for level " + result.level() + " (run "
                            + run.runId() + ")");
                }
                points.add(new Point(runIndex, points.size(), run.runId(), run.runAt(), result.level(),
                        result.value(), ZScore.of(result.value(), target)));
            }
            runs.add(List.copyOf(points));
        }
        return new ControlSequence(List.copyOf(runs));
    }

    List<List<Point>> runs() {
        return runs;
    }

    /** Every value, by run time, then level order within a run. */
    List<Point> flat() {
        List<Point> flat = new ArrayList<>();
        runs.forEach(flat::addAll);
        return flat;
    }
}

package org.huren.domain.iqc;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One IQC run (质控批 / 分析批) of one item at one lab: the control values measured together at {@code runAt}.
 * <p>
 * The order of {@code results} is the level order within the run: it places the run's values in the
 * cross-level sequence that the mean rules (10-x, 6-x, 8-x, 12-x) count through ("by run time, then level order
 * within a run"). List the levels in the same order in every run (e.g. L1, L2, L3).
 *
 * @param runId   identifies the run
 * @param runAt   when the run was measured
 * @param results at least one result, at most one per level
 */
public record ControlRun(String runId, Instant runAt, List<ControlResult> results) {

    public ControlRun {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("a control run needs an id");
        }
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(results, "results");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("control run " + runId + " has no results");
        }
        Set<String> levels = new HashSet<>();
        for (ControlResult result : results) {
            if (!levels.add(result.level())) {
                throw new IllegalArgumentException("control run " + runId + " has level " + result.level()
                        + " more than once");
            }
        }
    }
}

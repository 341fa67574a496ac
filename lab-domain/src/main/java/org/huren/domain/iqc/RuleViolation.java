package org.huren.domain.iqc;

import java.util.List;
import java.util.Objects;

/**
 * A rule that fired for a run (违反的质控规则), with the values that make it up: the union of every window of the
 * rule that fired and involves the run, in sequence order (run time, then level order). For a mean rule with a
 * longer streak this is more than n points (e.g. 11 points when the 10-x windows ending at L1 and at L2 of the
 * current run both fired).
 */
public record RuleViolation(WestgardRule rule, List<PointRef> points) {

    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a rule violation needs the points that make it up");
        }
    }

    public RuleAction action() {
        return rule.action();
    }
}

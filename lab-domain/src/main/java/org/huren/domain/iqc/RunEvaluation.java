package org.huren.domain.iqc;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Westgard evaluation (质控判断) of one run: its status and the rules that fired, in {@link WestgardRule}
 * order, at most one {@link RuleViolation} per rule.
 */
public record RunEvaluation(String runId, RunStatus status, List<RuleViolation> violations) {

    public RunEvaluation {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        violations = List.copyOf(violations);
    }

    /** The rules that fired. */
    public Set<WestgardRule> firedRules() {
        Set<WestgardRule> fired = EnumSet.noneOf(WestgardRule.class);
        violations.forEach(v -> fired.add(v.rule()));
        return fired;
    }

    public Optional<RuleViolation> violation(WestgardRule rule) {
        return violations.stream().filter(v -> v.rule() == rule).findFirst();
    }

    /** REJECTED if any reject rule fired, WARNING if only warning rules fired, else ACCEPTED (DOMAIN.md §4). */
    static RunStatus statusOf(List<RuleViolation> violations) {
        if (violations.stream().anyMatch(v -> v.action() == RuleAction.REJECT)) {
            return RunStatus.REJECTED;
        }
        return violations.isEmpty() ? RunStatus.ACCEPTED : RunStatus.WARNING;
    }
}

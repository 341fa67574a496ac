package org.huren.domain.iqc.query;

import org.huren.domain.iqc.PointRef;
import org.huren.domain.iqc.RuleViolation;

import java.time.Instant;
import java.util.List;

/**
 * A run: when, its status (null until its level has targets), the rules that fired, the rule set used, for each
 * rule that fired its action and the control values behind it (run, level and z of each point), and — for a
 * rejected run once reviewed — its signed-off review (null before).
 */
public record IqcRunView(String runId, Instant runAt, String status, List<String> rules, String ruleSet,
                         List<Violation> violations, Review review) {

    public IqcRunView {
        rules = List.copyOf(rules);
        violations = List.copyOf(violations);
    }

    /** A rule that fired (e.g. 2-2s), REJECT or WARNING, and the points that make it up. */
    public record Violation(String rule, String action, List<PointRef> points) {
    }

    /** A rejected run's review: what was found, what was done, who signed it off and when. */
    public record Review(String comment, String correctiveAction, String reviewedBy, Instant reviewedAt) {
    }

    /** The view of a run with its evaluation ({@code status} null and no violations while not evaluated). */
    public static IqcRunView of(String runId, Instant runAt, String status, String ruleSet,
                                List<RuleViolation> violations) {
        return of(runId, runAt, status, ruleSet, violations, null);
    }

    /** The view of a run with its evaluation and its review (or null). */
    public static IqcRunView of(String runId, Instant runAt, String status, String ruleSet,
                                List<RuleViolation> violations, Review review) {
        return new IqcRunView(runId, runAt, status, violations.stream().map(v -> v.rule().code()).distinct().toList(),
                ruleSet, violations.stream().map(v -> new Violation(v.rule().code(), v.action().name(), v.points()))
                .toList(), review);
    }
}

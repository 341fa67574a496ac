package org.huren.domain.iqc;

import java.time.Instant;
import java.util.List;

/**
 * A run's evaluation against the Westgard rules across its levels and the runs before it (same lots): accepted,
 * warning or rejected, the rules that fired and the points involved, and the rule set used. {@code reevaluation}:
 * redone because a run recorded late was placed before it.
 */
public record ControlRunEvaluated(String seriesId, String labCode, String itemCode, String runId, Instant runAt,
                                  RunStatus status, List<RuleViolation> violations, String ruleSet,
                                  boolean reevaluation) {

    public ControlRunEvaluated {
        violations = List.copyOf(violations);
    }
}

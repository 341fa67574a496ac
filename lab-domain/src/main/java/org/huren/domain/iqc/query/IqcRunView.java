package org.huren.domain.iqc.query;

import java.time.Instant;
import java.util.List;

/** A run: when, its status (null until its level has targets), the rules that fired and the rule set used. */
public record IqcRunView(String runId, Instant runAt, String status, List<String> rules, String ruleSet) {
}

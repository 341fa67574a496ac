package org.huren.domain.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Score one of the 11 dimensions; scoring it again while the assessment is open replaces the score. */
public record ScoreDimension(@TargetAggregateIdentifier String assessmentId, Dimension dimension, Verdict verdict,
                             List<String> findings, String notes) {

    public ScoreDimension {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}

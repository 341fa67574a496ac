package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.assessment.Dimension;

import java.util.List;

/**
 * An auditor records a finding: dimension, severity, description, evidence (references to attachments), and the
 * catalog items it affects — none for the whole lab.
 */
public record RecordFinding(@TargetAggregateIdentifier String auditId, String findingId, Dimension dimension,
                            Severity severity, String description, List<String> evidence,
                            List<String> affectedItems, String recordedBy) {

    public RecordFinding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        affectedItems = affectedItems == null ? List.of() : List.copyOf(affectedItems);
    }
}

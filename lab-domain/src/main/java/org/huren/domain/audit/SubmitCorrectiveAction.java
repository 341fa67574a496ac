package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The lab's response to a finding: what it did, with evidence (references to attachments). */
public record SubmitCorrectiveAction(@TargetAggregateIdentifier String auditId, String findingId, String response,
                                     List<String> evidence, String submittedBy) {

    public SubmitCorrectiveAction {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}

package org.huren.domain.reuse;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A clinician records what they did after asking for a reusable result (互认提醒): reused result
 * {@code resultId}, or re-tested for {@code reason} (OTHER with {@code reasonText}) having told the patient why.
 */
public record RecordReuseOutcome(@TargetAggregateIdentifier String outcomeId, String allianceId, String clinician,
                                 String department, String orderingLab, String patientIdentifier, String itemCode,
                                 String resultId, ReuseChoice choice, RetestReason reason, String reasonText,
                                 boolean patientInformed) {
}

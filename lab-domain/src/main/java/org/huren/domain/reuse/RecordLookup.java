package org.huren.domain.reuse;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * A clinician's order-time lookup (调阅): a member's ordering system asked whether a reusable result exists for
 * this patient and item, and got {@code resultId} from {@code resultLab} (valid until {@code validUntil}) — a
 * reminder (互认提醒) — or none, for {@code reasons}. The lookup's outcome is later recorded on the same id.
 */
public record RecordLookup(@TargetAggregateIdentifier String lookupId, String allianceId, String orderingLab,
                           String clinician, String department, List<String> patientIdentifiers,
                           String requestedCode, String itemCode, String resultId, String resultLab,
                           Instant validUntil, List<String> reasons) {

    public RecordLookup {
        patientIdentifiers = patientIdentifiers == null ? List.of() : List.copyOf(patientIdentifiers);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}

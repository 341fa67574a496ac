package org.huren.domain.reuse;

import java.time.Instant;
import java.util.List;

/**
 * A lookup (调阅) of an alliance's results at order time, and what it answered: a reusable result (a reminder,
 * 互认提醒, counted by 同期互认率) or none with the reasons. Counted by 调阅互认率 (recognitions ÷ lookups).
 */
public record ReusableLookedUp(String lookupId, String allianceId, String orderingLab, String clinician,
                               String department, List<String> patientIdentifiers, String requestedCode,
                               String itemCode, String resultId, String resultLab, Instant validUntil,
                               List<String> reasons) {

    public ReusableLookedUp {
        patientIdentifiers = patientIdentifiers == null ? List.of() : List.copyOf(patientIdentifiers);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Whether the lookup found a recognized, still-valid result: a reminder was raised. */
    public boolean reminded() {
        return resultId != null;
    }
}

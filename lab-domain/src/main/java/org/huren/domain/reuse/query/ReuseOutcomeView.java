package org.huren.domain.reuse.query;

import java.time.Instant;

/**
 * A clinician's recorded outcome (reused, or re-tested with its reason) as the KPIs count it; {@code lookupId} is
 * the lookup it answered, null for one recorded on its own.
 */
public record ReuseOutcomeView(String outcomeId, String allianceId, String lookupId, String clinician,
                               String department, String orderingLab, String patientIdentifier, String itemCode,
                               String resultId, String choice, String reason, String reasonText,
                               boolean patientInformed, Instant recordedAt) {
}

package org.huren.domain.reuse;

/**
 * A clinician reused a recognized result, or re-tested with a reason — what the recognition KPIs count.
 * {@code lookupId} names the lookup (reminder) this outcome answers, or is null when it was recorded on its own.
 */
public record ReuseOutcomeRecorded(String outcomeId, String allianceId, String clinician, String department,
                                   String orderingLab, String patientIdentifier, String itemCode, String resultId,
                                   ReuseChoice choice, RetestReason reason, String reasonText,
                                   boolean patientInformed, String lookupId) {
}

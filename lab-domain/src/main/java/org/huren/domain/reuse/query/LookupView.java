package org.huren.domain.reuse.query;

/**
 * A recorded lookup (调阅): within which alliance, by which member lab's clinician, about which catalog item (null
 * when the code was not in the catalog), and the reusable result it reminded of (互认提醒; null when none).
 */
public record LookupView(String lookupId, String allianceId, String orderingLab, String clinician, String itemCode,
                         String resultId) {

    /** Whether the lookup found a reusable result: a reminder was raised, and may be answered by a reuse. */
    public boolean reminded() {
        return resultId != null;
    }
}

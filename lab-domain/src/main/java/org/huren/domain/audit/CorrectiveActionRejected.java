package org.huren.domain.audit;

/** The submitted corrective action was rejected; the finding stays open. */
public record CorrectiveActionRejected(String auditId, String allianceId, String labCode, String findingId,
                                       String reason, String rejectedBy) {
}

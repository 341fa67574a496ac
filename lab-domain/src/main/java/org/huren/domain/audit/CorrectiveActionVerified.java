package org.huren.domain.audit;

/** The corrective action was verified: the finding is closed (a major one no longer suspends recognition). */
public record CorrectiveActionVerified(String auditId, String allianceId, String labCode, String findingId,
                                       String note, String verifiedBy) {
}

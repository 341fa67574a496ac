package org.huren.domain.eqa;

/** A lab's corrective action for an item's EQA performance was verified by a QC manager. */
public record EqaCorrectiveActionVerified(String actionId, String allianceId, String labCode, String itemCode,
                                          String description, String verifiedBy) {
}

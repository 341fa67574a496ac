package org.huren.domain.audit;

/** A verified finding was reopened; a major one suspends recognition again from now. */
public record FindingReopened(String auditId, String allianceId, String labCode, String findingId, String reason,
                              String reopenedBy) {
}

package org.huren.domain.audit;

/** The audit was closed; findings recorded during it are followed until verified. */
public record AuditClosed(String auditId, String allianceId, String labCode, String summary, String closedBy) {
}

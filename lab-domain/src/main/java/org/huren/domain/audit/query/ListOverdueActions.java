package org.huren.domain.audit.query;

/** Corrective actions flagged overdue and still not verified; answered with {@link FindingView}s. */
public record ListOverdueActions(String allianceId) {
}

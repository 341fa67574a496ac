package org.huren.domain.audit.query;

/**
 * Findings of an alliance's audits, narrowed by lab, dimension and severity (nulls: any), only the open ones
 * (not verified) when {@code openOnly}; answered with {@link FindingView}s.
 */
public record ListFindings(String allianceId, String labCode, String dimension, String severity, boolean openOnly) {
}

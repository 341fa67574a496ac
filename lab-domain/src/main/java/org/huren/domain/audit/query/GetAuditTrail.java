package org.huren.domain.audit.query;

/** An audit and every step of it in order; answered with an optional {@link AuditTrail}. */
public record GetAuditTrail(String auditId) {
}

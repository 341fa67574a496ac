package org.huren.fhir.audittrail;

/**
 * What a request did, as {@code AuditEvent.action} codes it: create, read, update, delete, or execute — a search or
 * an operation, as IHE BALP records a query.
 */
public enum AuditAction {
    C, R, U, D, E
}

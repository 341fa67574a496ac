package org.huren.fhir.audittrail;

/**
 * What a request did, as {@code AuditEvent.action} codes it: create, read, update, delete, or execute — a search or
 * an operation, as IHE BALP records a query.
 */
public enum AuditAction {
    C, R, U, D, E;

    /** The action of a plain HTTP request by its method: POST creates, PUT and PATCH update, DELETE deletes. */
    public static AuditAction ofHttpMethod(String method) {
        return switch (method) {
            case "POST" -> C;
            case "PUT", "PATCH" -> U;
            case "DELETE" -> D;
            default -> R;
        };
    }
}

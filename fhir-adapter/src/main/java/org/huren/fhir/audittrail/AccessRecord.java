package org.huren.fhir.audittrail;

import org.huren.fhir.server.Caller;

import java.time.Instant;
import java.util.List;

/**
 * One request that read patient data or wrote, as the surface that answered it saw it — handed to {@link AuditLog}
 * by the FHIR interceptor ({@link FhirAccessAudit}) and by the {@code /api} filter alike.
 *
 * @param recorded    when the answer was decided
 * @param action      C, R, U, D or E
 * @param interaction the FHIR restful interaction ({@code read}, {@code search-type}, {@code create},
 *                    {@code transaction}, {@code operation}, …); null for a request refused before it reached an
 *                    endpoint (no or a bad token, a role it lacks: recorded as a security alert)
 * @param operation   the FHIR operation ({@code $reusable}) or the {@code /api} endpoint ({@code POST
 *                    /api/alliances/{allianceId}/members}); null for a plain interaction
 * @param caller      who asked, from the verified token; null when the request carried none that was accepted
 * @param address     the client's network address
 * @param path        the path asked, below the server root
 * @param query       the query string of a search or a read operation, as sent; null for other requests
 * @param entities    the resources read or written, as {@code Type/id}
 * @param patients    the patients concerned: {@code Patient/id} references and {@code system|value} identifiers
 * @param status      the HTTP status answered
 * @param description why a request was refused or failed; null when it succeeded
 * @param requestId   the request's correlation id ({@code X-Request-Id})
 */
public record AccessRecord(Instant recorded, AuditAction action, String interaction, String operation, Caller caller,
                           String address, String path, String query, List<String> entities, List<String> patients,
                           int status, String description, String requestId) {

    /** The correlation id header every answer carries. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    public AccessRecord {
        entities = List.copyOf(entities);
        patients = List.copyOf(patients);
    }

    /**
     * {@code AuditEvent.outcome} for an HTTP status: 0 success; 4 minor failure — the request was refused (4xx) and
     * may be corrected and sent again; 8 serious failure — the server failed it (5xx); 12 major failure — the
     * server could not serve at all (503).
     */
    public int outcome() {
        if (status < 400) {
            return 0;
        }
        if (status < 500) {
            return 4;
        }
        return status == 503 ? 12 : 8;
    }
}

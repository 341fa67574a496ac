package org.huren.fhir.audittrail;

import org.huren.domain.query.SearchTotal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the audit trail is kept: append-only rows, each an AuditEvent with the columns searches filter on. */
public interface AuditStore {

    /**
     * Keeps one AuditEvent durably (committed) before returning; throws when it cannot, so that the request it
     * records is not acknowledged.
     */
    void append(Row row);

    /** A page of AuditEvents (JSON), newest first, and how many match in all. */
    Page search(Query query);

    /** One AuditEvent (JSON) by id, when {@code labs} may see it. */
    Optional<String> find(String id, Set<String> labs);

    /** One stored AuditEvent and its search columns. */
    record Row(String id, Instant recorded, AuditAction action, String subtype, String agentSubject,
               String agentClient, String lab, List<String> entities, List<String> patients, int outcome,
               String requestId, String json) {
    }

    /**
     * What a search asks; an empty list does not filter.
     *
     * @param ids      AuditEvent ids
     * @param agents   subjects or client ids
     * @param labs     the labs whose rows the caller may see; null: every row
     */
    record Query(List<String> ids, List<String> agents, List<String> entities, List<String> patients, Instant from, Instant to,
                 List<Integer> outcomes, List<AuditAction> actions, Set<String> labs, int offset, int size,
                 SearchTotal total) {
    }

    /** A page of records and how many match in all (null: not counted, {@link SearchTotal}). */
    record Page(List<String> json, Long total) {
    }
}

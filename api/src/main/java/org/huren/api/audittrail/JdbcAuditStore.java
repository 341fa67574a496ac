package org.huren.api.audittrail;

import org.huren.fhir.audittrail.AuditAction;
import org.huren.fhir.audittrail.AuditStore;
import org.huren.projections.support.SearchTotals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail in PostgreSQL ({@code audit_event}, V28): one autocommitted insert per request, so the row is
 * durable before the request is answered; searches filter on the indexed columns and page newest first.
 */
@Component
public class JdbcAuditStore implements AuditStore {

    private final JdbcTemplate jdbc;

    public JdbcAuditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(Row row) {
        jdbc.update("INSERT INTO audit_event (id, recorded, action, subtype, agent_subject, agent_client, lab, "
                        + "entities, patients, outcome, request_id, resource) "
                        + "VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?, ?::jsonb)",
                row.id(), utc(row.recorded()), row.action().name(), row.subtype(), row.agentSubject(),
                row.agentClient(), row.lab(), row.entities().toArray(String[]::new),
                row.patients().toArray(String[]::new), row.outcome(), row.requestId(), row.json());
    }

    @Override
    public Page search(Query query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> arguments = new ArrayList<>();
        if (!query.ids().isEmpty()) {
            // ids are UUIDs: any other text names no AuditEvent
            where.append(" AND id = ANY (?::uuid[])");
            arguments.add(query.ids().stream().filter(JdbcAuditStore::isUuid).toArray(String[]::new));
        }
        if (!query.agents().isEmpty()) {
            where.append(" AND (agent_subject = ANY (?::text[]) OR agent_client = ANY (?::text[]))");
            arguments.add(query.agents().toArray(String[]::new));
            arguments.add(query.agents().toArray(String[]::new));
        }
        if (!query.entities().isEmpty()) {
            where.append(" AND entities && ?::text[]");
            arguments.add(query.entities().toArray(String[]::new));
        }
        if (!query.patients().isEmpty()) {
            where.append(" AND patients && ?::text[]");
            arguments.add(query.patients().toArray(String[]::new));
        }
        if (query.from() != null) {
            where.append(" AND recorded >= ?");
            arguments.add(utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND recorded <= ?");
            arguments.add(utc(query.to()));
        }
        if (!query.outcomes().isEmpty()) {
            where.append(" AND outcome = ANY (?::int[])");
            arguments.add(query.outcomes().toArray(Integer[]::new));
        }
        if (!query.actions().isEmpty()) {
            where.append(" AND action::text = ANY (?::text[])");
            arguments.add(query.actions().stream().map(AuditAction::name).toArray(String[]::new));
        }
        if (query.labs() != null) {
            where.append(" AND lab = ANY (?::text[])");
            arguments.add(query.labs().toArray(String[]::new));
        }
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(query.size());
        paged.add(query.offset());
        List<String> json = query.size() == 0 ? List.of() : jdbc.queryForList("SELECT resource::text FROM audit_event"
                + where + " ORDER BY recorded DESC, id LIMIT ? OFFSET ?", String.class, paged.toArray());
        return new Page(json, SearchTotals.of(jdbc, "FROM audit_event" + where, arguments.toArray(), query.total(),
                query.offset(), query.size(), json.size()));
    }

    private static boolean isUuid(String text) {
        try {
            java.util.UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Optional<String> find(String id, Set<String> labs) {
        if (!isUuid(id)) {
            return Optional.empty();
        }
        if (labs == null) {
            return jdbc.queryForList("SELECT resource::text FROM audit_event WHERE id = ?::uuid", String.class, id)
                    .stream().findFirst();
        }
        return jdbc.queryForList("SELECT resource::text FROM audit_event WHERE id = ?::uuid AND lab = ANY (?::text[])",
                String.class, id, labs.toArray(String[]::new)).stream().findFirst();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

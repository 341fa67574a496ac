package org.huren.api.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Looks straight into the event store, to prove what a request did or did not store. */
@Component
public class EventStoreProbe {

    private final JdbcTemplate jdbc;

    public EventStoreProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    public long eventsOf(String aggregateId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    public long eventsOfType(String payloadTypeSuffix) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?",
                Long.class, "%" + payloadTypeSuffix);
        return count == null ? 0 : count;
    }
}

package org.huren.api.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.huren.fhir.ingest.EventStoreIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** Direct, strongly consistent questions to the event store table. */
@Component
public class JdbcEventStoreIndex implements EventStoreIndex {

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public JdbcEventStoreIndex(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @Override
    public Optional<String> aggregateType(String aggregateId) {
        List<String> types = jdbc.queryForList(
                "SELECT type FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                String.class, aggregateId);
        return types.stream().findFirst();
    }

    @Override
    public Optional<Owned> labRecord(String aggregateId) {
        return jdbc.query("SELECT type, convert_from(payload, 'UTF8')::jsonb ->> 'labId' AS lab FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = 0",
                (rs, i) -> new Owned(rs.getString("type"), rs.getString("lab")), aggregateId).stream().findFirst();
    }

    @Override
    public Map<String, Long> versions(Collection<String> aggregateIds) {
        Map<String, Long> versions = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return versions;
        }
        jdbc.query("SELECT aggregateidentifier, max(sequencenumber) + 1 AS version FROM domainevententry "
                        + "WHERE aggregateidentifier = ANY (?::text[]) GROUP BY aggregateidentifier",
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                }, (Object) aggregateIds.toArray(String[]::new));
        return versions;
    }

    @Override
    public Map<String, Head> heads(Collection<String> aggregateIds) {
        Map<String, Head> heads = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return heads;
        }
        // the newest event of each, found backwards along the unique (aggregate, sequence) index
        jdbc.query("SELECT DISTINCT ON (aggregateidentifier) aggregateidentifier, sequencenumber + 1, timestamp "
                        + "FROM domainevententry WHERE aggregateidentifier = ANY (?::text[]) "
                        + "ORDER BY aggregateidentifier, sequencenumber DESC",
                rs -> {
                    heads.put(rs.getString(1), new Head(rs.getLong(2), Instant.parse(rs.getString(3))));
                }, (Object) aggregateIds.toArray(String[]::new));
        return heads;
    }

    @Override
    public List<DomainEventMessage<?>> events(String aggregateId) {
        // from the first event on: the storage engine, never a snapshot
        return eventStore.readEvents(aggregateId, 0).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    @Override
    public long latestPosition(Collection<String> aggregateIds) {
        Long position = jdbc.queryForObject(
                "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ANY (?::text[])",
                Long.class, (Object) aggregateIds.toArray(String[]::new));
        return position == null ? -1 : position;
    }

    /** Events of a processing group waiting in the dead-letter queue. */
    public long deadLetters(String processingGroup) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = ?",
                Long.class, processingGroup);
        return count == null ? 0 : count;
    }

    /** The newest position in the store, -1 when empty. */
    public long headPosition() {
        Long position = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return position == null ? -1 : position;
    }
}

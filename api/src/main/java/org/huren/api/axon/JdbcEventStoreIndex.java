package org.huren.api.axon;

import org.huren.fhir.ingest.EventStoreIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Direct, strongly consistent questions to the event store table. */
@Component
public class JdbcEventStoreIndex implements EventStoreIndex {

    private final JdbcTemplate jdbc;

    public JdbcEventStoreIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> aggregateType(String aggregateId) {
        List<String> types = jdbc.queryForList(
                "SELECT type FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                String.class, aggregateId);
        return types.stream().findFirst();
    }

    @Override
    public long latestPosition(Collection<String> aggregateIds) {
        Long position = jdbc.queryForObject(
                "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ANY (?::text[])",
                Long.class, (Object) aggregateIds.toArray(String[]::new));
        return position == null ? -1 : position;
    }

    /** The newest position in the store, -1 when empty. */
    public long headPosition() {
        Long position = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return position == null ? -1 : position;
    }
}

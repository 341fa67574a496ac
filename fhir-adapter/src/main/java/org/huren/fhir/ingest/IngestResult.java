package org.huren.fhir.ingest;

import org.huren.domain.common.Change;

import java.time.Instant;
import java.util.List;

/** What an ingest wrote: per entry, in request order, and the event position a reader can wait for. */
public record IngestResult(List<EntryResult> entries, long eventPosition) {

    /**
     * One entry's outcome: the record's HuRen id, its version after the write and when that version was recorded
     * (its event's timestamp: the {@code meta.lastUpdated} every read of that version shows), and the resource as
     * stored.
     */
    public record EntryResult(String resourceType, String id, Change change, long version, Instant lastUpdated,
                              String storedJson) {
        public boolean created() {
            return change == Change.CREATED;
        }
    }
}

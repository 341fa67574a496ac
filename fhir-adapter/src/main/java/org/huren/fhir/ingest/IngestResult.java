package org.huren.fhir.ingest;

import org.huren.domain.common.Change;

import java.util.List;

/** What an ingest wrote: per entry, in request order, and the event position a reader can wait for. */
public record IngestResult(List<EntryResult> entries, long eventPosition) {

    public record EntryResult(String resourceType, String id, Change change, long version, String storedJson) {
        public boolean created() {
            return change == Change.CREATED;
        }
    }
}

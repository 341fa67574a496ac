package org.huren.domain.query;

import java.time.Instant;
import java.util.List;

/**
 * A resource as a read model serves it: HuRen id, version, when HuRen last changed it, its lab, its FHIR
 * JSON, and tags to show on it (e.g. that it came from a suspended member). {@code visibleOnlyTo}: the one lab that
 * may read it (a blind sample's result or pseudo-patient), or null.
 */
public record StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                             String resource, List<String> tags, String visibleOnlyTo) {

    public StoredResource {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                          String resource, List<String> tags) {
        this(resourceType, id, version, lastUpdated, labId, resource, tags, null);
    }

    /**
     * Whether lab {@code requestingLab} may read it: everyone may, but a blind sample's record (盲样) only its own lab.
     * This is the one rule for reading a record by id — every FHIR read and {@code $recognition}, and a result's
     * recognition history; for anyone it refuses, the record does not exist (404). When HuRen knows who asks, the
     * alliance's QC managers join the lab here.
     */
    public boolean visibleTo(String requestingLab) {
        return visibleOnlyTo == null || visibleOnlyTo.equals(requestingLab);
    }
}

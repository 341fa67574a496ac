package org.huren.domain.query;

import java.time.Instant;
import java.util.List;

/**
 * A resource as a read model serves it: HuRen id, version, when HuRen last changed it, its lab, its FHIR
 * JSON, and tags to show on it (e.g. that it came from a suspended member).
 */
public record StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                             String resource, List<String> tags) {

    public StoredResource {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}

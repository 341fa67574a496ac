package org.huren.domain.query;

import java.time.Instant;

/** A resource as a read model serves it: HuRen id, version, when HuRen last changed it, and its FHIR JSON. */
public record StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                             String resource) {
}

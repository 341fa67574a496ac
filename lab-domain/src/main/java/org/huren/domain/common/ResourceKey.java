package org.huren.domain.common;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The natural key under which a lab's information system (LIS) knows one of its resources: an
 * identifier (system and value), or, when the LIS sends none, its own resource id or {@code urn:uuid}
 * full URL. Within one lab the key is unique; HuRen derives its own stable resource id from it, so the
 * same LIS resource posted twice lands on the same aggregate.
 */
public record ResourceKey(String system, String value) {

    /** System used when the LIS gave no identifier and HuRen keys the resource by its LIS-side id. */
    public static final String LIS_RESOURCE_ID = "urn:huren:lis-resource-id";

    public ResourceKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a resource key needs a value");
        }
        system = system == null ? "" : system;
    }

    public static ResourceKey ofLisResourceId(String lisId) {
        return new ResourceKey(LIS_RESOURCE_ID, lisId);
    }

    /**
     * HuRen's id for the resource of {@code kind} that lab {@code labId} knows under this key:
     * a name-based UUID, so it is the same on every node and on every replay.
     */
    public String derivedId(String kind, String labId) {
        String name = kind + '\u0000' + labId + '\u0000' + system + '\u0000' + value;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code system|value}, the FHIR token form. */
    public String token() {
        return system + '|' + value;
    }
}

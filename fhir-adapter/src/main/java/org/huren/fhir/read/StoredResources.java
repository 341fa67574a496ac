package org.huren.fhir.read;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.StoredResource;

import java.util.Date;
import java.util.List;

/** Turns what a read model holds back into a FHIR resource with HuRen's id, version and lastUpdated. */
public final class StoredResources {

    /** The CodeSystem of the tags HuRen puts on what it serves (e.g. suspended-member). */
    public static final String TAG_SYSTEM = "https://huren.org/fhir/CodeSystem/huren-tag";
    /** Recognition of a result in an alliance: recognized, pending, withdrawn, not-recognized. */
    public static final String RECOGNITION_SYSTEM = "https://huren.org/fhir/CodeSystem/recognition";
    private static final String RECOGNITION_PREFIX = "recognition:";

    private final FhirContext fhir;

    public StoredResources(FhirContext fhir) {
        this.fhir = fhir;
    }

    public Resource toResource(StoredResource stored) {
        Resource resource = (Resource) fhir.newJsonParser().parseResource(stored.resource());
        String version = Long.toString(stored.version());
        resource.setIdElement(new IdType(stored.resourceType(), stored.id(), version));
        resource.getMeta().setVersionId(version);
        for (String tag : stored.tags()) {
            if (tag.startsWith(RECOGNITION_PREFIX)) {
                String[] parts = tag.substring(RECOGNITION_PREFIX.length()).split(":", 2);
                resource.getMeta().addTag().setSystem(RECOGNITION_SYSTEM).setCode(parts[0])
                        .setDisplay("alliance " + parts[1]);
            } else {
                resource.getMeta().addTag().setSystem(TAG_SYSTEM).setCode(tag);
            }
        }
        if (stored.lastUpdated() != null) {
            resource.getMeta().setLastUpdatedElement(new InstantType(Date.from(stored.lastUpdated())));
        }
        return resource;
    }

    public Resource parseStoredJson(String resourceType, String id, long version, String json) {
        return toResource(new StoredResource(resourceType, id, version, null, null, json, List.of()));
    }
}

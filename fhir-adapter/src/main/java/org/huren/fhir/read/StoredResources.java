package org.huren.fhir.read;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.query.RecognitionMark;
import org.huren.domain.recognition.query.ResultTag;

import java.util.Date;
import java.util.List;

/**
 * Turns what a read model holds back into a FHIR resource with HuRen's id, version and lastUpdated, its tags, and —
 * on a result — its recognition in each alliance: a {@code meta.tag} plus the {@link #RECOGNITION_EXTENSION}
 * naming the criteria that failed or are not yet known, and the catalog's LOINC coding when the lab sent a mapped
 * local code.
 */
public final class StoredResources {

    /** The CodeSystem of the tags HuRen puts on what it serves (e.g. suspended-member). */
    public static final String TAG_SYSTEM = ResultTag.HUREN_TAG_SYSTEM;
    /** Recognition of a result in an alliance: recognized, pending, withdrawn, not-recognized. */
    public static final String RECOGNITION_SYSTEM = ResultTag.RECOGNITION_SYSTEM;
    /**
     * A result's recognition in one alliance: sub-extensions {@code alliance} (string), {@code status} (Coding of
     * {@link #RECOGNITION_SYSTEM}), and repeating {@code failing} and {@code notYetKnown} (Codings of
     * {@link #CRITERION_SYSTEM}).
     */
    public static final String RECOGNITION_EXTENSION = "https://huren.org/fhir/StructureDefinition/recognition";
    /**
     * The user-data key under which a recognition tag keeps its alliance, for the output layer that words the tag's
     * display in the client's language (the display written here is the English fallback).
     */
    public static final String TAG_ALLIANCE = "huren.tag.alliance";
    /** The recognition criteria (MEMBER_ACTIVE, LAB_ACCREDITED, EQA_SATISFACTORY, …). */
    public static final String CRITERION_SYSTEM = "https://huren.org/fhir/CodeSystem/recognition-criterion";

    private final FhirContext fhir;

    public StoredResources(FhirContext fhir) {
        this.fhir = fhir;
    }

    public Resource toResource(StoredResource stored) {
        Resource resource = (Resource) fhir.newJsonParser().parseResource(stored.resource());
        String version = Long.toString(stored.version());
        resource.setIdElement(new IdType(stored.resourceType(), stored.id(), version));
        resource.getMeta().setVersionId(version);
        // what HuRen decides is shown from its read models, never from what a client sent back
        resource.getMeta().getTag().removeIf(t -> ResultTag.systems().contains(t.getSystem()));
        if (resource instanceof DomainResource domain) {
            domain.getExtension().removeIf(e -> RECOGNITION_EXTENSION.equals(e.getUrl()));
        }
        for (RecognitionMark mark : stored.recognition()) {
            resource.getMeta().addTag().setSystem(mark.tag().system()).setCode(mark.tag().code())
                    .setDisplay("alliance " + mark.allianceId()).setUserData(TAG_ALLIANCE, mark.allianceId());
            if (resource instanceof DomainResource domain) {
                domain.addExtension(extension(mark));
            }
        }
        for (ResultTag tag : stored.tags()) {
            resource.getMeta().addTag().setSystem(tag.system()).setCode(tag.code());
        }
        if (resource instanceof org.hl7.fhir.r4.model.Observation observation) {
            // the catalog's LOINC coding beside the lab's own local one (ADR 0017)
            for (org.huren.domain.common.Coding translation : stored.translations()) {
                boolean present = observation.getCode().getCoding().stream().anyMatch(c ->
                        translation.system().equals(c.getSystem()) && translation.code().equals(c.getCode()));
                if (!present) {
                    observation.getCode().addCoding(new Coding(translation.system(), translation.code(),
                            translation.display()));
                }
            }
        }
        if (stored.lastUpdated() != null) {
            resource.getMeta().setLastUpdatedElement(new InstantType(Date.from(stored.lastUpdated())));
        }
        return resource;
    }

    private static Extension extension(RecognitionMark mark) {
        Extension extension = new Extension(RECOGNITION_EXTENSION);
        extension.addExtension("alliance", new StringType(mark.allianceId()));
        extension.addExtension("status", new Coding(mark.tag().system(), mark.tag().code(), null));
        for (Criterion criterion : mark.failing()) {
            extension.addExtension("failing", new Coding(CRITERION_SYSTEM, criterion.name(), null));
        }
        for (Criterion criterion : mark.notYetKnown()) {
            extension.addExtension("notYetKnown", new Coding(CRITERION_SYSTEM, criterion.name(), null));
        }
        return extension;
    }

    /** A version as a write stored and answers it: its JSON, id, version and when it was recorded. */
    public Resource parseStoredJson(String resourceType, String id, long version, java.time.Instant lastUpdated,
                                    String json) {
        return toResource(new StoredResource(resourceType, id, version, lastUpdated, null, json));
    }
}

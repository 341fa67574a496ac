package org.huren.domain.query;

import org.huren.domain.common.Coding;
import org.huren.domain.recognition.query.RecognitionMark;
import org.huren.domain.recognition.query.ResultTag;

import java.time.Instant;
import java.util.List;

/**
 * A resource as a read model serves it: HuRen id, version, when HuRen last changed it, its lab, its FHIR
 * JSON, tags to show on it (e.g. that it came from a suspended member) and its recognition in each alliance of its
 * lab (results only). {@code visibleOnlyTo}: the one lab that may read it (a blind sample's result or
 * pseudo-patient), or null. {@code translations}: codings HuRen adds to the result's code beside the lab's own — the
 * catalog's LOINC coding of a result sent with a mapped local code (ADR 0017).
 */
public record StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                             String resource, List<ResultTag> tags, List<RecognitionMark> recognition,
                             String visibleOnlyTo, List<Coding> translations) {

    public StoredResource {
        tags = tags == null ? List.of() : List.copyOf(tags);
        recognition = recognition == null ? List.of() : List.copyOf(recognition);
        translations = translations == null ? List.of() : List.copyOf(translations);
    }

    public StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                          String resource, List<ResultTag> tags, List<RecognitionMark> recognition,
                          String visibleOnlyTo) {
        this(resourceType, id, version, lastUpdated, labId, resource, tags, recognition, visibleOnlyTo, List.of());
    }

    public StoredResource(String resourceType, String id, long version, Instant lastUpdated, String labId,
                          String resource) {
        this(resourceType, id, version, lastUpdated, labId, resource, List.of(), List.of(), null);
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

package org.huren.domain.query;

import org.huren.domain.labdoc.DocumentKind;

import java.util.List;

/**
 * Search specimens or lab reports ({@code kind}). As in {@link SearchObservations}: values within a list are
 * alternatives, the lists and ranges must all hold, an empty list does not restrict; tokens are {@code system|value}
 * or a bare value. {@code identifiers}: the specimen's accession number or any identifier of the document;
 * {@code codes}: the report's code or the specimen's type; {@code effective}: the report's effective[x] or the
 * specimen's collection time overlaps each range. {@code requestingLab}: the lab asking, who also finds its own
 * blind samples' documents; null finds none. {@code total}: how the matches are counted.
 */
public record SearchLabDocuments(DocumentKind kind,
                                 List<String> ids,
                                 List<String> patientIds,
                                 List<String> patientIdentifiers,
                                 List<String> identifiers,
                                 List<String> codes,
                                 List<InstantRange> effective,
                                 List<String> labIds,
                                 List<SortOrder> sort,
                                 int offset,
                                 int count,
                                 SearchTotal total,
                                 String requestingLab) {

    public SearchLabDocuments {
        ids = List.copyOf(ids);
        patientIds = List.copyOf(patientIds);
        patientIdentifiers = List.copyOf(patientIdentifiers);
        identifiers = List.copyOf(identifiers);
        codes = List.copyOf(codes);
        effective = List.copyOf(effective);
        labIds = List.copyOf(labIds);
        sort = List.copyOf(sort);
    }
}

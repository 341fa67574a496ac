package org.huren.domain.query;

import org.huren.domain.recognition.query.ResultTag;

import java.util.List;

/**
 * Search lab results. Within a list the values are alternatives (FHIR's comma); the lists and ranges
 * must all hold (FHIR's repeated parameters). Tokens are {@code system|code}, {@code |code} (no system)
 * or a bare {@code code} (any system). An empty list does not restrict. {@code ids}: HuRen ids ({@code _id}).
 * {@code tags}: recognition (recognized, pending, withdrawn, not-recognized — in any alliance of the result's lab) or
 * {@code suspended-member}, alternatives. {@code sort}: the order (FHIR {@code _sort}), ties and an empty list in
 * first-seen order. {@code requestingLab}: the lab asking (the lab its token acts for), who also finds its own blind
 * samples' results; null finds none. {@code total}: how the matches are counted.
 */
public record SearchObservations(List<String> ids,
                                 List<String> identifiers,
                                 List<String> patientIds,
                                 List<String> patientIdentifiers,
                                 List<String> codes,
                                 List<InstantRange> effective,
                                 List<String> labIds,
                                 List<String> statuses,
                                 InstantRange lastUpdated,
                                 List<ResultTag> tags,
                                 List<SortOrder> sort,
                                 int offset,
                                 int count,
                                 SearchTotal total,
                                 String requestingLab) {

    public SearchObservations {
        ids = List.copyOf(ids);
        identifiers = List.copyOf(identifiers);
        patientIds = List.copyOf(patientIds);
        patientIdentifiers = List.copyOf(patientIdentifiers);
        codes = List.copyOf(codes);
        effective = List.copyOf(effective);
        labIds = List.copyOf(labIds);
        statuses = List.copyOf(statuses);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = List.copyOf(sort);
    }
}

package org.huren.domain.query;

import java.util.List;

/**
 * Search patients. Values within a list are alternatives; the lists must all hold; an empty list does not restrict.
 * {@code ids}: HuRen ids ({@code _id}); {@code identifiers}: tokens ({@code system|value} or a bare value);
 * {@code names}: the start of any part of any name the lab sent (family, given, prefix, suffix, text), case
 * ignored — or, in {@code exactNames}, a whole part as sent; {@code birthDate}: the birth date overlaps the range
 * (null: any); {@code genders}: FHIR administrative-gender codes. {@code requestingLab}: the lab asking, who also
 * finds its own flight inspections' pseudo-patients; null finds none. {@code total}: how the matches are counted.
 */
public record SearchPatients(List<String> ids, List<String> identifiers, List<String> names, List<String> exactNames,
                             DateRange birthDate, List<String> genders, List<String> labIds, int offset, int count,
                             SearchTotal total, String requestingLab) {

    public SearchPatients {
        ids = List.copyOf(ids);
        identifiers = List.copyOf(identifiers);
        names = List.copyOf(names);
        exactNames = List.copyOf(exactNames);
        genders = List.copyOf(genders);
        labIds = List.copyOf(labIds);
    }
}

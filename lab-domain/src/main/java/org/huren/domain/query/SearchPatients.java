package org.huren.domain.query;

import java.util.List;

/**
 * Search patients by identifier tokens ({@code system|value} or a bare value); alternatives. {@code requestingLab}:
 * the lab asking, who also finds its own flight inspections' pseudo-patients; null finds none.
 */
public record SearchPatients(List<String> identifiers, List<String> labIds, int offset, int count,
                             String requestingLab) {

    public SearchPatients {
        identifiers = List.copyOf(identifiers);
        labIds = List.copyOf(labIds);
    }
}

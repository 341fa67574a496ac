package org.huren.domain.query;

import java.util.List;

/**
 * The results recorded for some patient records ({@code _revinclude=Observation:patient}), in first-seen order, at
 * most {@code limit}; of the labs {@code labIds} only (empty: any lab), and blind-sample results only for
 * {@code requestingLab}. Answered with a list of {@link StoredResource}.
 */
public record FindResultsOfPatients(List<String> patientIds, List<String> labIds, String requestingLab, int limit) {

    public FindResultsOfPatients {
        patientIds = List.copyOf(patientIds);
        labIds = List.copyOf(labIds);
    }
}

package org.huren.domain.query;

import java.util.List;

/**
 * The lab reports that group some results ({@code _revinclude=DiagnosticReport:result}), in first-seen order, at
 * most {@code limit}; of the labs {@code labIds} only (empty: any lab), and a blind sample's report only for
 * {@code requestingLab}. Answered with a list of {@link StoredResource}.
 */
public record FindReportsOfResults(List<String> resultIds, List<String> labIds, String requestingLab, int limit) {

    public FindReportsOfResults {
        resultIds = List.copyOf(resultIds);
        labIds = List.copyOf(labIds);
    }
}

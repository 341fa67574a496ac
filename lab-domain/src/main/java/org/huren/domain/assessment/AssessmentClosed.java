package org.huren.domain.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An assessment was closed with its outcome and the scores it rests on. */
public record AssessmentClosed(String assessmentId, String allianceId, String labCode, AssessmentOutcome outcome,
                               Set<String> itemCodes, LocalDate validFrom, LocalDate validUntil,
                               Map<Dimension, Verdict> scores, List<String> assessors, String closedBy) {

    public AssessmentClosed {
        itemCodes = Set.copyOf(itemCodes);
        scores = Map.copyOf(scores);
        assessors = List.copyOf(assessors);
    }
}

package org.huren.domain.assessment;

import java.time.LocalDate;
import java.util.List;

/** An on-site assessment of a lab was opened. */
public record AssessmentOpened(String assessmentId, String allianceId, String labCode, List<String> assessors,
                               LocalDate visitDate) {

    public AssessmentOpened {
        assessors = List.copyOf(assessors);
    }
}

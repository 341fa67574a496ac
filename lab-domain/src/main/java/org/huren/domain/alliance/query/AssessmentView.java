package org.huren.domain.alliance.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** An on-site assessment as QC managers read it. */
public record AssessmentView(String assessmentId, String allianceId, String labCode, List<String> assessors,
                             LocalDate visitDate, String status, List<Score> scores, String outcome,
                             Set<String> itemCodes, LocalDate validUntil) {

    public record Score(String dimension, String dimensionZh, String verdict, List<String> findings, String notes) {
    }
}

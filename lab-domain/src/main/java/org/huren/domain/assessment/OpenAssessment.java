package org.huren.domain.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** A QC manager opens an on-site assessment (现场评估) of a member lab. */
public record OpenAssessment(@TargetAggregateIdentifier String assessmentId, String allianceId, String labCode,
                             List<String> assessors, LocalDate visitDate) {

    public OpenAssessment {
        assessors = assessors == null ? List.of() : List.copyOf(assessors);
    }
}

package org.huren.domain.assessment;

import java.time.LocalDate;
import java.util.Set;

/**
 * Close an assessment and carry out its outcome: an ACCREDITED closing accredits the lab (项目准入) for
 * {@code itemCodes} until {@code validUntil} in the same unit of work — both are written, or neither.
 * Handled by {@link AssessmentConclusion}, which sends {@link CloseAssessment} to the assessment and
 * {@link org.huren.domain.alliance.AccreditLab} to the alliance.
 */
public record ConcludeAssessment(String assessmentId, AssessmentOutcome outcome, Set<String> itemCodes,
                                 LocalDate validUntil, String closedBy) {

    public ConcludeAssessment {
        itemCodes = itemCodes == null ? Set.of() : Set.copyOf(itemCodes);
    }
}

package org.huren.domain.alliance.query;

/** One on-site assessment with its scores; answered with an optional {@link AssessmentView}. */
public record GetAssessment(String assessmentId) {
}

package org.huren.domain.assessment;

/**
 * The answer to closing an assessment: the closing event, and whether this command closed it or found it
 * already closed the same way (a retry — nothing else must follow from it).
 */
public record AssessmentClosing(AssessmentClosed closed, boolean alreadyClosed) {
}

package org.huren.domain.assessment;

/** How an assessment ends: the lab is accredited for a set of items, or not. */
public enum AssessmentOutcome {
    ACCREDITED, NOT_ACCREDITED
}

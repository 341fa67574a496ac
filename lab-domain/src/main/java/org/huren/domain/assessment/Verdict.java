package org.huren.domain.assessment;

/** The score of one dimension: pass, conditional pass (with findings to correct), or fail. */
public enum Verdict {
    PASS, CONDITIONAL, FAIL
}

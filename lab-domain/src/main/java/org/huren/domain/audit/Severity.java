package org.huren.domain.audit;

/** How grave a finding is: a major one suspends recognition of what it affects until its action is verified. */
public enum Severity {
    MAJOR, MINOR, OBSERVATION
}

package org.huren.domain.reuse;

/** What the clinician did with a recognized result: reused it, or re-tested. */
public enum ReuseChoice {
    REUSED, RETESTED
}

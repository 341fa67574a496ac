package org.huren.domain.recognition;

/** The outcome of an IQC run (室内质控, DOMAIN.md §4). */
public enum IqcOutcome {
    /** No rule fired. */
    ACCEPTED,
    /** Only 1-2s fired: patient results may be reported. */
    WARNING,
    /** A reject rule fired: results since the last accepted run are withdrawn. */
    REJECTED;

    /** Whether patient results bracketed by this run may be reported (accepted or warning). */
    public boolean inControl() {
        return this != REJECTED;
    }
}

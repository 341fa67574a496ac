package org.huren.domain.query;

/** What a search may be ordered by (FHIR {@code _sort}): when the result or report was effective, or last changed. */
public enum SortKey {
    /** The business time: an Observation's or DiagnosticReport's effective[x] (FHIR {@code date}). */
    EFFECTIVE,
    /** When HuRen last changed the record (FHIR {@code _lastUpdated}). */
    LAST_UPDATED
}

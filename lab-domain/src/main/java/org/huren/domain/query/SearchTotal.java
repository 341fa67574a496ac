package org.huren.domain.query;

/**
 * How a search counts its matches for {@code Bundle.total} (FHIR {@code _total}). Counting every match of a
 * wide search (a lab's results of a month) costs more than the page itself, so unless the search asks for an
 * accurate total, HuRen counts up to {@link #LIMIT} matches. Whatever the mode, a page that holds the last match
 * tells the total without counting (all matches before it plus those on it).
 */
public enum SearchTotal {
    /** {@code _total=accurate}: every match counted. */
    ACCURATE,
    /** {@code _total=estimate}: counted up to {@link #LIMIT}; above it, PostgreSQL's planner estimate. */
    ESTIMATE,
    /** {@code _total=none}: nothing counted (a total only from a page that holds the last match). */
    NONE,
    /** No {@code _total}: counted up to {@link #LIMIT}; above it, no total (the {@code next} link pages on). */
    UP_TO_LIMIT;

    /** The most matches counted exactly when the search did not ask for an accurate total. */
    public static final int LIMIT = 10_000;
}

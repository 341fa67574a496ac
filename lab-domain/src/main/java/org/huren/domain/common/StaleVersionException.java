package org.huren.domain.common;

/**
 * A revision made against a version of a record that is no longer its current one (FHIR {@code If-Match}): refused,
 * so that two writers correcting the same record cannot overwrite each other unnoticed. Both versions are named:
 * the one the writer revised, and the one HuRen holds.
 */
public class StaleVersionException extends ConflictingStateException {

    private final long expected;
    private final long current;

    public StaleVersionException(String aggregateId, long expected, long current) {
        super("version-conflict", null, aggregateId + " is at version " + current + ", not at version " + expected
                + " the change was made against: read it again and make the change on version " + current);
        this.expected = expected;
        this.current = current;
    }

    /**
     * Refuses a revision of {@code aggregateId}, which is at {@code current}, made against {@code expected}; a writer
     * that names no version ({@code null}) revises whatever version is current.
     */
    public static void requireCurrent(String aggregateId, Long expected, long current) {
        if (expected != null && expected != current) {
            throw new StaleVersionException(aggregateId, expected, current);
        }
    }

    /** The version the writer revised. */
    public long expected() {
        return expected;
    }

    /** The version HuRen holds. */
    public long current() {
        return current;
    }
}

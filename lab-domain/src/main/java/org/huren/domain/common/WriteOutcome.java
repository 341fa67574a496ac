package org.huren.domain.common;

/**
 * The answer to a write command: the aggregate written, what happened, and its version afterwards
 * (the number of events it holds, which is the FHIR {@code meta.versionId}).
 */
public record WriteOutcome(String aggregateId, Change change, long version) {
}

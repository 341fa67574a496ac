package org.huren.domain.alliance.query;

import java.time.LocalDate;

/**
 * The catalog of an alliance as it stood on {@code asOf} (null: today): for each item the version in effect
 * then, or none if it was not yet published or already retired (unless {@code includeRetired}).
 */
public record GetCatalog(String allianceId, LocalDate asOf, boolean includeRetired) {
}

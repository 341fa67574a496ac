package org.huren.domain.reuse.query;

/**
 * The order-time lookup (调阅) recorded under {@code lookupId}, as {@link LookupView}: what a clinician's outcome on
 * it (a CDS Hooks card's feedback) is about, and whose it is.
 */
public record GetLookup(String lookupId) {
}

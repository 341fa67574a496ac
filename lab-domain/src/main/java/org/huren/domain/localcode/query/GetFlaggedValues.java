package org.huren.domain.localcode.query;

/**
 * The results of lab {@code labCode} held back for an implausible value — outside the catalog item's plausible
 * range once converted, most often a value labelled with the wrong unit (for its QC manager).
 */
public record GetFlaggedValues(String labCode) {
}

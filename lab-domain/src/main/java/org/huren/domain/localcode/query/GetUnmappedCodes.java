package org.huren.domain.localcode.query;

/** The local codes of lab {@code labCode}'s results that map to no catalog item (for its QC manager). */
public record GetUnmappedCodes(String labCode) {
}

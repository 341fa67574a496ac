package org.huren.domain.alliance;

/** The alliance started or stopped trusting an identifier system for linking patient records. */
public record IdentifierSystemTrustChanged(String allianceId, String system, String name, boolean trusted) {
}

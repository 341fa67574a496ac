package org.huren.domain.alliance;

/** A member is suspended (its results are kept, marked, and not recognized). */
public record MemberSuspended(String allianceId, String labCode, String reason) {
}

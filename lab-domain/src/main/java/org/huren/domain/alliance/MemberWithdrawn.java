package org.huren.domain.alliance;

/** A member leaves the alliance; it may no longer submit. */
public record MemberWithdrawn(String allianceId, String labCode, String reason) {
}

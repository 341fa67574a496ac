package org.huren.domain.alliance;

/** A suspended member is active again. */
public record MemberReinstated(String allianceId, String labCode, String reason) {
}

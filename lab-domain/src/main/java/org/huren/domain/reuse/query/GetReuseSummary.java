package org.huren.domain.reuse.query;

/** How often clinicians of an alliance reused recognized results or re-tested, and why. */
public record GetReuseSummary(String allianceId) {
}

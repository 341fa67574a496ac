package org.huren.domain.reuse.query;

/**
 * How often clinicians of an alliance reused recognized results or re-tested, and why — as lab
 * {@code requestingLab} sees it (null: no lab): outcomes about a lab's blind-sample results (盲样) count only for it.
 */
public record GetReuseSummary(String allianceId, String requestingLab) {
}

package org.huren.domain.audit.query;

/** How long findings took from recording to verified action, per severity; answered with {@link TimeToClose}s. */
public record GetTimeToClose(String allianceId) {
}

package org.huren.domain.alliance.query;

/** The alliance overview: member labs × catalog items, accredited or not. */
public record GetAllianceOverview(String allianceId) {
}

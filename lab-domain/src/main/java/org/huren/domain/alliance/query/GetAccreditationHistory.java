package org.huren.domain.alliance.query;

/** Every accreditation change of a lab in an alliance, oldest first, each with the event behind it. */
public record GetAccreditationHistory(String allianceId, String labCode) {
}

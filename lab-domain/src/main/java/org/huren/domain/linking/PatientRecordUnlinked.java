package org.huren.domain.linking;

/** A link was undone, with the reason. */
public record PatientRecordUnlinked(String personId, String allianceId, String patientId, String reason) {
}

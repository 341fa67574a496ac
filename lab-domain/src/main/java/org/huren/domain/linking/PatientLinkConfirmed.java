package org.huren.domain.linking;

/** A QC manager decided that the patient record is this person: it is linked again (or for the first time). */
public record PatientLinkConfirmed(String personId, String allianceId, String system, String value, String patientId,
                                   String labId, String reason) {
}

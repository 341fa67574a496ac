package org.huren.domain.linking;

/** A patient record was linked to a person of the alliance; the basis is the trusted identifier it carries. */
public record PatientRecordLinked(String personId, String allianceId, String system, String value, String patientId,
                                  String labId) {
}

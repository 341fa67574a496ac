package org.huren.domain.patient;

/** The LIS sent changed details (identifiers, name …) for a patient HuRen already holds. */
public record PatientDetailsChanged(String patientId, String labId, PatientContent content) {
}

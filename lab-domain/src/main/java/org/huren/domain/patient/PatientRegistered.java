package org.huren.domain.patient;

import org.huren.domain.common.ResourceKey;

/** A lab's LIS made a patient known to HuRen. */
public record PatientRegistered(String patientId, String labId, ResourceKey key, PatientContent content) {
}

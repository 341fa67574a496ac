package org.huren.domain.patient;

import org.huren.domain.common.Identifier;

import java.util.List;
import java.util.Objects;

/**
 * A patient as a lab's LIS knows them: every identifier it sent (medical record number, national ID,
 * insurance number …) — clinicians at other members look results up by these — and the FHIR Patient
 * as stored.
 */
public record PatientContent(List<Identifier> identifiers,
                             String name,
                             String gender,
                             String birthDate,
                             String resource,
                             String contentHash) {

    public PatientContent {
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(contentHash, "contentHash");
    }
}

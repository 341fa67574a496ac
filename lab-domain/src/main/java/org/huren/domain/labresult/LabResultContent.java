package org.huren.domain.labresult;

import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lab reported about one result: status, codes, value, the times it happened (collection and
 * issue — business time), the HuRen ids of its patient and specimen, and the FHIR Observation as
 * stored ({@code resource}, JSON with references rewritten to HuRen ids). {@code contentHash} is a
 * digest of the reported content that tells a resend from a correction. {@code memberStatus} is the
 * submitting lab's standing when it sent this (ACTIVE, or SUSPENDED: stored, but marked).
 */
public record LabResultContent(ResultStatus status,
                               List<Coding> codes,
                               Measurement measurement,
                               BusinessTime effective,
                               Instant issued,
                               String patientId,
                               String specimenId,
                               String resource,
                               String contentHash,
                               String memberStatus) {

    public LabResultContent {
        codes = List.copyOf(codes);
        Objects.requireNonNull(contentHash, "contentHash");
    }

    public boolean fromSuspendedMember() {
        return "SUSPENDED".equals(memberStatus);
    }

    public Optional<Coding> loinc() {
        return codes.stream().filter(Coding::isLoinc).findFirst();
    }
}

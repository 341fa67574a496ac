package org.huren.domain.labresult;

import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lab reported about one result: status, codes, value, the times it happened (collection and
 * issue — business time), the HuRen ids of its patient and specimen, and the FHIR Observation as
 * stored ({@code resource}, JSON with references rewritten to HuRen ids). {@code contentHash} is a
 * digest of the reported content that tells a resend from a correction. {@code memberStandings} is the
 * submitting lab's standing in each alliance it belongs to when it sent this (ACTIVE or SUSPENDED — a
 * suspended member's results are stored but marked; recognition is decided per alliance).
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
                               Map<String, String> memberStandings) {

    public LabResultContent {
        codes = List.copyOf(codes);
        Objects.requireNonNull(contentHash, "contentHash");
        memberStandings = memberStandings == null ? Map.of() : Map.copyOf(memberStandings);
    }

    /** The alliances in which the lab was a suspended member when it sent this, sorted. */
    public List<String> suspendedIn() {
        return memberStandings.entrySet().stream().filter(e -> "SUSPENDED".equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    public Optional<Coding> loinc() {
        return codes.stream().filter(Coding::isLoinc).findFirst();
    }
}

package org.huren.domain.labdoc;

import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Identifier;

import java.time.Instant;
import java.util.List;

/** Test data: a specimen or a lab report as an LIS sends it; only the content hash matters to the aggregate. */
final class LabDocumentContentBuilder {

    private static final Instant COLLECTED = Instant.parse("2024-03-04T07:30:00Z");

    private final DocumentKind kind;
    private String status;
    private String contentHash;

    private LabDocumentContentBuilder(DocumentKind kind) {
        this.kind = kind;
        this.status = kind == DocumentKind.REPORT ? "final" : "available";
        this.contentHash = "sha256:" + kind.fhirType().toLowerCase() + "-v1";
    }

    static LabDocumentContentBuilder a(DocumentKind kind) {
        return new LabDocumentContentBuilder(kind);
    }

    LabDocumentContentBuilder withContentHash(String contentHash) {
        this.contentHash = contentHash;
        return this;
    }

    LabDocumentContentBuilder withStatus(String status) {
        this.status = status;
        return this;
    }

    LabDocumentContent build() {
        Coding code = kind == DocumentKind.REPORT
                ? new Coding("http://loinc.org", "24323-8", "Comprehensive metabolic 2000 panel")
                : new Coding("http://terminology.hl7.org/CodeSystem/v2-0487", "SER", "Serum");
        String resource = "{\"resourceType\":\"" + kind.fhirType() + "\",\"status\":\"" + status + "\"}";
        return new LabDocumentContent(status,
                List.of(code),
                List.of(new Identifier("urn:oid:2.16.156.310000.1.accession", "A20240304-0017", "ACSN")),
                "patient-0001",
                List.of("result-0001", "result-0002"),
                BusinessTime.at(COLLECTED),
                resource,
                contentHash);
    }
}

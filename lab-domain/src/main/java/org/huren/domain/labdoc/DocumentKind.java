package org.huren.domain.labdoc;

/** The lab documents that travel with results: the specimen (标本) and the report (检验报告). */
public enum DocumentKind {
    SPECIMEN("Specimen"), REPORT("DiagnosticReport");

    private final String fhirType;

    DocumentKind(String fhirType) {
        this.fhirType = fhirType;
    }

    public String fhirType() {
        return fhirType;
    }
}

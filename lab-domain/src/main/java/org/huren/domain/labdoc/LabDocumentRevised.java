package org.huren.domain.labdoc;

/** The LIS sent changed content for a specimen or report HuRen already holds. */
public record LabDocumentRevised(String documentId, String labId, DocumentKind kind, LabDocumentContent content) {
}

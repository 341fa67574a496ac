package org.huren.domain.labdoc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The LIS sends (again) a specimen or report HuRen holds, as an update. {@code expectedVersion}: the version the LIS
 * revised (FHIR {@code If-Match}) — any other current version refuses the update —, or null when it named none.
 */
public record ReviseLabDocument(@TargetAggregateIdentifier String documentId, String labId, DocumentKind kind,
                                LabDocumentContent content, Long expectedVersion) {

    /** A revision of whatever version is current. */
    public ReviseLabDocument(String documentId, String labId, DocumentKind kind, LabDocumentContent content) {
        this(documentId, labId, kind, content, null);
    }
}

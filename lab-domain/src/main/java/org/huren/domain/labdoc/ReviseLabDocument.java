package org.huren.domain.labdoc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The LIS sends (again) a specimen or report HuRen holds, as an update. */
public record ReviseLabDocument(@TargetAggregateIdentifier String documentId, String labId, DocumentKind kind,
                                LabDocumentContent content) {
}

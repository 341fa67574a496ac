package org.huren.domain.labdoc;

import org.huren.domain.common.ResourceKey;

/** A specimen or report became known to HuRen. */
public record LabDocumentRecorded(String documentId, String labId, DocumentKind kind, ResourceKey key,
                                  LabDocumentContent content) {
}

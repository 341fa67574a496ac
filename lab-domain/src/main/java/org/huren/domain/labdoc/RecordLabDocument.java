package org.huren.domain.labdoc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteMode;

/** An LIS sends a specimen or a lab report along with its results. */
public record RecordLabDocument(@TargetAggregateIdentifier String documentId,
                                String labId,
                                DocumentKind kind,
                                ResourceKey key,
                                LabDocumentContent content,
                                WriteMode mode) {
}

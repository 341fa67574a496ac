package org.huren.domain.labdoc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;

/** An LIS sends a specimen or lab report HuRen does not hold yet. */
public record RecordLabDocument(@TargetAggregateIdentifier String documentId,
                                String labId,
                                DocumentKind kind,
                                ResourceKey key,
                                LabDocumentContent content) {
}

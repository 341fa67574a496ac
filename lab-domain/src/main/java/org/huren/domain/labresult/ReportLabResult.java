package org.huren.domain.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteMode;

/** An LIS reports (or re-sends, corrects, retracts) one lab result. */
public record ReportLabResult(@TargetAggregateIdentifier String resultId,
                              String labId,
                              ResourceKey key,
                              LabResultContent content,
                              WriteMode mode) {
}

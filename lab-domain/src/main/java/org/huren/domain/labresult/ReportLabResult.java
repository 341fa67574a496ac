package org.huren.domain.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.ResourceKey;

/** An LIS reports a result HuRen does not hold yet, known to the lab under {@code key}. */
public record ReportLabResult(@TargetAggregateIdentifier String resultId,
                              String labId,
                              ResourceKey key,
                              LabResultContent content) {
}

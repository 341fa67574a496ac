package org.huren.domain.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The LIS sends (again) a result HuRen already holds, as an update: the same content changes nothing,
 * changed content corrects it, status entered-in-error retracts it.
 */
public record ReviseLabResult(@TargetAggregateIdentifier String resultId, String labId, LabResultContent content) {
}

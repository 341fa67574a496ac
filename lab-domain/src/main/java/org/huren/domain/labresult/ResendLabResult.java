package org.huren.domain.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The LIS creates (FHIR create / conditional create) a result HuRen already holds under the same key: the
 * same content is a harmless resend; other content is refused, since a create never changes a result —
 * corrections and retractions are updates.
 */
public record ResendLabResult(@TargetAggregateIdentifier String resultId, String labId, LabResultContent content) {
}

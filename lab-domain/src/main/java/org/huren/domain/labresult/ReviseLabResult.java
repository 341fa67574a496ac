package org.huren.domain.labresult;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The LIS sends (again) a result HuRen already holds, as an update: the same content changes nothing,
 * changed content corrects it, status entered-in-error retracts it. {@code expectedVersion}: the version the LIS
 * revised (FHIR {@code If-Match}) — any other current version refuses the update —, or null when it named none.
 */
public record ReviseLabResult(@TargetAggregateIdentifier String resultId, String labId, LabResultContent content,
                              Long expectedVersion) {

    /** A revision of whatever version is current. */
    public ReviseLabResult(String resultId, String labId, LabResultContent content) {
        this(resultId, labId, content, null);
    }
}

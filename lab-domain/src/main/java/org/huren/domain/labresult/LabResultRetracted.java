package org.huren.domain.labresult;

/** The lab declared a reported result entered in error; it is withdrawn from every view of it. */
public record LabResultRetracted(String resultId, String labId, LabResultContent content) {
}

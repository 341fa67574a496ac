package org.huren.domain.labresult;

/** The lab sent changed content for a result it had reported: the new content replaces the old. */
public record LabResultCorrected(String resultId, String labId, LabResultContent content, String previousContentHash) {
}

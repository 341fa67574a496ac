package org.huren.domain.labresult;

import org.huren.domain.common.ResourceKey;

/** A member lab reported a new result (检验结果上报). */
public record LabResultReported(String resultId, String labId, ResourceKey key, LabResultContent content) {
}

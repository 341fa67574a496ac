package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.util.List;

/** Targets computed from {@code n} runs of the lot (their ids listed), waiting for a QC manager's confirmation. */
public record ControlTargetsProposed(String seriesId, String labCode, String itemCode, String level, String lot,
                                     BigDecimal mean, BigDecimal sd, int n, List<String> runIds) {
}

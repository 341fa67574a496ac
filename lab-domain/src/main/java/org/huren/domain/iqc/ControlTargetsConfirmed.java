package org.huren.domain.iqc;

import java.math.BigDecimal;

/** A lot's established targets, confirmed and locked. */
public record ControlTargetsConfirmed(String seriesId, String labCode, String itemCode, String level, String lot,
                                      BigDecimal mean, BigDecimal sd, String confirmedBy) {
}

package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A lab registers a control material lot for one level of one item (质控品批号): material, lot, expiry, and the
 * target mean and SD entered from the lot's data — or none yet, to establish them from ≥ 20 runs. A lot's
 * limits, once set, are locked; a new lot gets its own.
 */
public record RegisterControlLot(@TargetAggregateIdentifier String seriesId, String labCode, String itemCode,
                                 String level, String material, String lot, LocalDate expiry, BigDecimal mean,
                                 BigDecimal sd, String registeredBy) {
}

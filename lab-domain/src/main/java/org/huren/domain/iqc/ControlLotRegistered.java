package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A control lot for a level, with its entered targets (mean and SD both null while they are being established). */
public record ControlLotRegistered(String seriesId, String labCode, String itemCode, String level, String material,
                                   String lot, LocalDate expiry, BigDecimal mean, BigDecimal sd, String registeredBy) {
}

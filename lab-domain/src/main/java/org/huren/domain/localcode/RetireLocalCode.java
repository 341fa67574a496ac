package org.huren.domain.localcode;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** A lab's local code no longer maps to the catalog from {@code effectiveFrom} (the lab stopped using it). */
public record RetireLocalCode(@TargetAggregateIdentifier String codeMapId, String code, LocalDate effectiveFrom,
                              String reason) {
}

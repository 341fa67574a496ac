package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Propose a lot's target mean and SD from its runs (≥ 20), for a QC manager to confirm. */
public record ProposeControlTargets(@TargetAggregateIdentifier String seriesId, String level, String lot) {
}

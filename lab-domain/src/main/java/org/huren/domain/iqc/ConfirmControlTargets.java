package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A QC manager confirms the proposed targets of a lot: from now on its runs are evaluated against them. */
public record ConfirmControlTargets(@TargetAggregateIdentifier String seriesId, String level, String lot,
                                    String confirmedBy) {
}

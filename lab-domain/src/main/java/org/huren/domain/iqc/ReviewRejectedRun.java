package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The review of a rejected (失控) run, signed off by {@code reviewedBy}: what was found ({@code comment}) and what was
 * done about it ({@code correctiveAction}, e.g. "recalibrated, reran controls and the patients since the last
 * accepted run"). A run is reviewed once; the same review again changes nothing.
 */
public record ReviewRejectedRun(@TargetAggregateIdentifier String seriesId, String runId, String comment,
                                String correctiveAction, String reviewedBy) {
}

package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Westgard rules a lab × item is evaluated with, as codes joined by "/" (e.g. {@code 1-2s/1-3s/2-2s/R-4s}). */
public record SetIqcRuleSet(@TargetAggregateIdentifier String seriesId, String labCode, String itemCode,
                            String rules, String setBy) {
}

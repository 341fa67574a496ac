package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A QC manager forms an alliance around its core institution. */
public record FormAlliance(@TargetAggregateIdentifier String allianceId, String name, AllianceKind kind,
                           Integration integration, String coreInstitution) {
}

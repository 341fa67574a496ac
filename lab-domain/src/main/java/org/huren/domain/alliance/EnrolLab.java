package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.Identifier;

import java.util.List;

/**
 * A lab joins the alliance: its HuRen code (the code its LIS submits under), institution, level and
 * identifiers (organization code, the lab's LIS code …).
 */
public record EnrolLab(@TargetAggregateIdentifier String allianceId, String labCode, String institution,
                       LabLevel level, List<Identifier> identifiers) {

    public EnrolLab {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}

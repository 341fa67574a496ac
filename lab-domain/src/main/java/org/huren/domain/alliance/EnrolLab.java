package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.Identifier;

import java.time.LocalDate;
import java.util.List;

/**
 * A lab joins the alliance: its HuRen code (the code its LIS submits under), institution, level and
 * identifiers (organization code, the lab's LIS code …). {@code effectiveFrom}: the day (China Standard Time) the
 * membership began, when an alliance migrates its history (a membership of years ago); null: from now.
 */
public record EnrolLab(@TargetAggregateIdentifier String allianceId, String labCode, String institution,
                       LabLevel level, List<Identifier> identifiers, LocalDate effectiveFrom) {

    public EnrolLab(String allianceId, String labCode, String institution, LabLevel level,
                    List<Identifier> identifiers) {
        this(allianceId, labCode, institution, level, identifiers, null);
    }

    public EnrolLab {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}

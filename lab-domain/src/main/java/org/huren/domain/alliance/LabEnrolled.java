package org.huren.domain.alliance;

import org.huren.domain.common.Identifier;

import java.util.List;

/** A lab became (or became again) a member of the alliance. */
public record LabEnrolled(String allianceId, String labCode, String institution, LabLevel level,
                          List<Identifier> identifiers) {

    public LabEnrolled {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}

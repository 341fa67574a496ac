package org.huren.domain.alliance.query;

import org.huren.domain.common.Identifier;

import java.time.Instant;
import java.util.List;

/** A lab's membership of one alliance. */
public record MemberLabView(String allianceId, String labCode, String institution, String level, String status,
                            String statusReason, Instant since, List<Identifier> identifiers) {

    public MemberLabView {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}

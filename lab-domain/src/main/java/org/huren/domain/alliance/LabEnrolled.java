package org.huren.domain.alliance;

import org.huren.domain.common.Identifier;

import java.time.Instant;
import java.util.List;

/**
 * A lab became (or became again) a member of the alliance. {@code effectiveAt}: when the membership began, when
 * that was before it was recorded (a backdated enrolment); null: when the event was recorded.
 */
public record LabEnrolled(String allianceId, String labCode, String institution, LabLevel level,
                          List<Identifier> identifiers, Instant effectiveAt) {

    public LabEnrolled(String allianceId, String labCode, String institution, LabLevel level,
                       List<Identifier> identifiers) {
        this(allianceId, labCode, institution, level, identifiers, null);
    }

    /** When the membership began: {@link #effectiveAt()}, or {@code recordedAt} when it was not backdated. */
    public Instant effectiveFrom(Instant recordedAt) {
        return effectiveAt == null ? recordedAt : effectiveAt;
    }

    public LabEnrolled {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}

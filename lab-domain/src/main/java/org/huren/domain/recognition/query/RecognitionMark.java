package org.huren.domain.recognition.query;

import org.huren.domain.recognition.Criterion;

import java.util.List;
import java.util.Objects;

/**
 * What a served result shows of its recognition in one alliance: the tag, and the criteria standing in its way —
 * those that failed and those not yet known (DESIGN.md, FHIR surface: a tag plus an extension listing the failing
 * criteria).
 */
public record RecognitionMark(String allianceId, ResultTag tag, List<Criterion> failing,
                              List<Criterion> notYetKnown) {

    public RecognitionMark {
        Objects.requireNonNull(allianceId, "allianceId");
        Objects.requireNonNull(tag, "tag");
        failing = failing == null ? List.of() : List.copyOf(failing);
        notYetKnown = notYetKnown == null ? List.of() : List.copyOf(notYetKnown);
    }
}

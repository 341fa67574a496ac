package org.huren.domain.recognition.query;

import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.RecognitionStatus;

import java.time.Instant;
import java.util.List;

/**
 * A result's recognition in one alliance: status, since when, when it was withdrawn if it was, the catalog item,
 * every criterion with verdict, reason and evidence, and the event that caused the decision.
 */
public record RecognitionView(String allianceId, RecognitionStatus status, boolean everRecognized, Instant since,
                              Instant withdrawnAt, String itemCode, List<CriterionResult> criteria,
                              String causeEventId, String causeType) {

    public RecognitionView {
        criteria = List.copyOf(criteria);
    }

    /** The tag a clinician sees: recognized, pending, withdrawn (recognized once, not now) or not-recognized. */
    public ResultTag tag() {
        return ResultTag.ofRecognition(status.name(), everRecognized);
    }
}

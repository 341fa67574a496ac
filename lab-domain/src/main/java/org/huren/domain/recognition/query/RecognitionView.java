package org.huren.domain.recognition.query;

import java.time.Instant;

/**
 * A result's recognition in one alliance: status (RECOGNIZED, NOT_RECOGNIZED, PENDING), since when, when it
 * was withdrawn if it was, the catalog item, every criterion with verdict and evidence (JSON), and the event
 * that caused the current decision.
 */
public record RecognitionView(String allianceId, String status, boolean everRecognized, Instant since,
                              Instant withdrawnAt, String itemCode, String criteriaJson, String causeEventId,
                              String causeType) {

    /** The tag a clinician sees: recognized, pending, withdrawn (recognized once, not now) or not-recognized. */
    public String display() {
        return display(status, everRecognized);
    }

    /** The tag code of a status: withdrawn is not recognized now, but was once. */
    public static String display(String status, boolean everRecognized) {
        return switch (status) {
            case "RECOGNIZED" -> "recognized";
            case "PENDING" -> "pending";
            default -> everRecognized ? "withdrawn" : "not-recognized";
        };
    }
}

package org.huren.domain.recognition;

/** Whether a result is recognized (互认) as of a moment. */
public enum RecognitionStatus {
    /** Every criterion passes (or is not yet known and the policy lets that through): the result carries HR. */
    RECOGNIZED,
    /** At least one criterion fails. */
    NOT_RECOGNIZED,
    /** No criterion fails, but some are not yet known and the policy says that blocks recognition. */
    PENDING
}

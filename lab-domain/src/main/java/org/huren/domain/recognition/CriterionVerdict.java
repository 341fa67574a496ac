package org.huren.domain.recognition;

/** The verdict on one recognition criterion. */
public enum CriterionVerdict {
    /** The criterion holds on the facts known. */
    PASS,
    /** The criterion does not hold on the facts known. */
    FAIL,
    /**
     * The facts needed to decide have not been recorded yet (no EQA round graded, no IQC run, audit findings
     * unknown); whether this blocks recognition is the alliance's policy ({@link RecognitionPolicy}).
     */
    NOT_YET_KNOWN
}

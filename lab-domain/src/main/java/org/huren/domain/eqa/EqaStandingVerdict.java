package org.huren.domain.eqa;

/**
 * A lab's EQA standing for one item, from its round history (see {@link EqaHistory#standing}).
 */
public enum EqaStandingVerdict {
    /** The latest round is satisfactory (满意) and the item is not unsuccessful. */
    SATISFACTORY,
    /** The latest round is unsatisfactory (不满意), but the item is not unsuccessful. */
    UNSATISFACTORY,
    /**
     * Unsuccessful (不成功): unsatisfactory in 2 consecutive rounds or in 2 of the last 3, and not yet restored by
     * a later satisfactory round plus a verified corrective action (纠正措施). Suspends recognition (互认) of the
     * item at the lab.
     */
    UNSUCCESSFUL,
    /** No graded round yet. */
    NONE;

    /** Whether this standing suspends recognition of the item at the lab. */
    public boolean suspendsRecognition() {
        return this == UNSUCCESSFUL;
    }
}
